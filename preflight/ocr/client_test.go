package ocr_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/preflight/ocr"
	"github.com/idpreflight/idpreflight/preflight/ocr/ocrtest"
)

// jpegOf returns bytes that start like a JPEG, n long.
func jpegOf(n int) []byte {
	b := make([]byte, n)
	copy(b, []byte{0xFF, 0xD8, 0xFF, 0xE0})
	return b
}

func newClient(t *testing.T, srv *ocrtest.Server, ts ocr.TokenSource) *ocr.Client {
	t.Helper()
	c, err := ocr.NewClient(srv.URL, ts, ocr.WithRetries(2, time.Millisecond))
	require.NoError(t, err)
	return c
}

func TestSubmitSendsContractFields(t *testing.T) {
	srv := ocrtest.NewServer("tok")
	defer srv.Close()
	c := newClient(t, srv, ocr.StaticToken("tok"))
	front, back := jpegOf(1000), jpegOf(2000)
	res, err := c.Submit(context.Background(), ocr.Request{
		DocumentType: ocr.IdentificationCard, Front: front, Back: back,
		DocumentID: "X123", ReturnID: true, Device: ocr.DeviceIOS,
	})
	require.NoError(t, err)
	assert.True(t, res.Valid)
	assert.NotZero(t, res.ID)
	got := srv.Received()
	require.Len(t, got, 1)
	assert.Equal(t, "identification_card", got[0].DocumentType)
	assert.Equal(t, "X123", got[0].DocumentID)
	assert.Equal(t, "True", got[0].ReturnID)
	assert.Equal(t, "IOS", got[0].Device)
	assert.Equal(t, front, got[0].Front)
	assert.Equal(t, back, got[0].Back)
}

func TestSubmitPassportWithoutOptionalFields(t *testing.T) {
	srv := ocrtest.NewServer("tok")
	defer srv.Close()
	res, err := newClient(t, srv, ocr.StaticToken("tok")).Submit(context.Background(),
		ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	require.NoError(t, err)
	assert.True(t, res.Valid)
	assert.Zero(t, res.ID, "no id unless return_id")
	got := srv.Received()[0]
	assert.Empty(t, got.ReturnID)
	assert.Empty(t, got.Device)
	assert.Nil(t, got.Back)
}

func TestValidateRefusesBeforeSending(t *testing.T) {
	tests := []struct {
		name string
		req  ocr.Request
		want error
	}{
		{"front over 2 MB", ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(ocr.MaxImageBytes + 1)}, ocr.ErrTooLarge},
		{"back over 2 MB", ocr.Request{DocumentType: ocr.IdentificationCard, Front: jpegOf(5), Back: jpegOf(ocr.MaxImageBytes + 1)}, ocr.ErrTooLarge},
		{"exactly 2 MB is fine but card lacks back", ocr.Request{DocumentType: ocr.IdentificationCard, Front: jpegOf(ocr.MaxImageBytes)}, ocr.ErrInvalidRequest},
		{"passport with back", ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(5), Back: jpegOf(5)}, ocr.ErrInvalidRequest},
		{"bad type", ocr.Request{DocumentType: "visa", Front: jpegOf(5)}, ocr.ErrInvalidRequest},
		{"bad device", ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(5), Device: "PALM"}, ocr.ErrInvalidRequest},
		{"not a jpeg", ocr.Request{DocumentType: ocr.Passport, Front: []byte("\x89PNG....")}, ocr.ErrInvalidRequest},
		{"empty front", ocr.Request{DocumentType: ocr.Passport}, ocr.ErrInvalidRequest},
	}
	srv := ocrtest.NewServer("tok")
	defer srv.Close()
	c := newClient(t, srv, ocr.StaticToken("tok"))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Submit(context.Background(), tc.req)
			assert.ErrorIs(t, err, tc.want)
		})
	}
	assert.Zero(t, srv.Attempts(), "nothing may be sent for an invalid request")
}

func TestRejectionIsTypedError(t *testing.T) {
	srv := ocrtest.NewServer("tok")
	defer srv.Close()
	srv.Enqueue(ocrtest.Answer{Status: 400, Body: `{"valid": false, "error_code": 826, "error": "The document is too blurry.", "id": 77}`})
	_, err := newClient(t, srv, ocr.StaticToken("tok")).Submit(context.Background(),
		ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	var rej *ocr.RejectedError
	require.ErrorAs(t, err, &rej)
	assert.Equal(t, 826, rej.Code)
	assert.Equal(t, int64(77), rej.ID)
	assert.Equal(t, "The document is too blurry.", rej.Message)
	assert.ErrorIs(t, err, ocr.ErrRejected)
}

func TestExpiredTokenRefreshedOnce(t *testing.T) {
	srv := ocrtest.NewServer("old")
	defer srv.Close()
	srv.Expire("old")
	srv.Allow("new")
	var calls atomic.Int32
	ts := ocr.TokenFunc(func(_ context.Context, refresh bool) (string, error) {
		calls.Add(1)
		if refresh {
			return "new", nil
		}
		return "old", nil
	})
	res, err := newClient(t, srv, ts).Submit(context.Background(), ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	require.NoError(t, err)
	assert.True(t, res.Valid)
	assert.Equal(t, int32(2), calls.Load())
	assert.Equal(t, "new", srv.Received()[0].Token)
}

func TestUnauthorizedAfterRefreshFailsClearly(t *testing.T) {
	srv := ocrtest.NewServer() // accepts no token at all
	defer srv.Close()
	ts := ocr.TokenFunc(func(_ context.Context, refresh bool) (string, error) {
		if refresh {
			return "secret-refreshed", nil
		}
		return "secret-first", nil
	})
	_, err := newClient(t, srv, ts).Submit(context.Background(), ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	require.ErrorIs(t, err, ocr.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "secret")
	assert.Equal(t, 2, srv.Attempts(), "one try, one refresh, then stop")
}

func TestStaticTokenCannotRefresh(t *testing.T) {
	srv := ocrtest.NewServer()
	defer srv.Close()
	_, err := newClient(t, srv, ocr.StaticToken("secret-static")).Submit(context.Background(),
		ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	require.ErrorIs(t, err, ocr.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "secret-static")
	assert.Equal(t, 1, srv.Attempts())
}

func TestRetriesGatewayErrorsOnly(t *testing.T) {
	tests := []struct {
		name     string
		answers  []ocrtest.Answer
		wantErr  bool
		attempts int
	}{
		{"503 then success", []ocrtest.Answer{{Status: 503, Body: "busy"}}, false, 2},
		{"502, 504 then success", []ocrtest.Answer{{Status: 502}, {Status: 504}}, false, 3},
		{"503 three times gives up", []ocrtest.Answer{{Status: 503}, {Status: 503}, {Status: 503}}, true, 3},
		{"500 is not retried", []ocrtest.Answer{{Status: 500, Body: "boom"}}, true, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := ocrtest.NewServer("tok")
			defer srv.Close()
			srv.Enqueue(tc.answers...)
			_, err := newClient(t, srv, ocr.StaticToken("tok")).Submit(context.Background(),
				ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
			if tc.wantErr {
				var he *ocr.HTTPError
				require.ErrorAs(t, err, &he)
				assert.ErrorIs(t, err, ocr.ErrServer)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tc.attempts, srv.Attempts())
		})
	}
}

func TestNetworkErrorRetriedThenFails(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close() // nothing listens: every dial fails
	c, err := ocr.NewClient(url, ocr.StaticToken("secret-tok"), ocr.WithRetries(1, time.Millisecond))
	require.NoError(t, err)
	_, err = c.Submit(context.Background(), ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	require.ErrorIs(t, err, ocr.ErrServer)
	assert.NotContains(t, err.Error(), "secret-tok")
}

func TestContextDeadline(t *testing.T) {
	block := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-block }))
	defer srv.Close()
	defer close(block)
	c, err := ocr.NewClient(srv.URL, ocr.StaticToken("t"))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Submit(ctx, ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "deadline"), err.Error())
}

func TestNewClientValidates(t *testing.T) {
	_, err := ocr.NewClient("ftp://x", ocr.StaticToken("t"))
	assert.ErrorIs(t, err, ocr.ErrInvalidRequest)
	_, err = ocr.NewClient("https://x/", nil)
	assert.ErrorIs(t, err, ocr.ErrInvalidRequest)
	c, err := ocr.NewClient("https://ocr.example/base/", ocr.StaticToken("t"))
	require.NoError(t, err)
	assert.Equal(t, "ocr.Client(https://ocr.example/base/api/v3/ocr/)", c.String())
}

func TestUnexpectedAnswer(t *testing.T) {
	srv := ocrtest.NewServer("tok")
	defer srv.Close()
	srv.Enqueue(ocrtest.Answer{Status: 200, Body: "<html>proxy page</html>"})
	_, err := newClient(t, srv, ocr.StaticToken("tok")).Submit(context.Background(),
		ocr.Request{DocumentType: ocr.Passport, Front: jpegOf(10)})
	var he *ocr.HTTPError
	require.ErrorAs(t, err, &he)
	assert.Equal(t, 200, he.Status)
}
