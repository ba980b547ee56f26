package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// greyJPEG is a plain photo with no document in it: the check answers
// valid=false with 819, which is enough to see the report travel.
func greyJPEG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for i := range img.Pix {
		img.Pix[i] = 128
	}
	img.Set(3, 3, color.RGBA{200, 10, 10, 255})
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, nil))
	return buf.Bytes()
}

func testServer(t *testing.T, mod func(*serveConfig), hasEngine bool) *httptest.Server {
	t.Helper()
	cfg := serveConfig{addr: "127.0.0.1:0", maxBody: 1 << 20, timeout: 5 * time.Second, jobs: 1}
	if mod != nil {
		mod(&cfg)
	}
	page := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>page</title>")}}
	srv := httptest.NewServer(newServer(cfg, page, hasEngine))
	t.Cleanup(srv.Close)
	return srv
}

func multipartBody(t *testing.T, field string, data []byte) (io.Reader, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	require.NoError(t, mw.WriteField("document_type", "identification_card"))
	fw, err := mw.CreateFormFile(field, "photo.jpg")
	require.NoError(t, err)
	_, err = fw.Write(data)
	require.NoError(t, err)
	require.NoError(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

func TestServeCheck(t *testing.T) {
	srv := testServer(t, nil, true)
	photo := greyJPEG(t)
	mp, mpType := multipartBody(t, "frontside", photo)
	noField, noFieldType := multipartBody(t, "other", photo)
	cases := []struct {
		name        string
		query       string
		body        io.Reader
		contentType string
		status      int
		wantCode    int    // error_code of a 200
		wantError   string // substring of an error answer
	}{
		{"raw jpeg", "?side=back&type=passport&device=IOS", bytes.NewReader(photo), "image/jpeg", 200, 819, ""},
		{"multipart frontside", "", mp, mpType, 200, 819, ""},
		{"multipart without an image field", "", noField, noFieldType, 400, 0, "frontside"},
		{"empty body", "", bytes.NewReader(nil), "image/jpeg", 400, 0, "no image"},
		{"bad side", "?side=top", bytes.NewReader(photo), "image/jpeg", 400, 0, "side"},
		{"bad device", "?device=PALM", bytes.NewReader(photo), "image/jpeg", 400, 0, "device"},
		{"not an image", "", strings.NewReader("hello, this is text"), "text/plain", 415, 0, "unsupported"},
		{"truncated jpeg", "", bytes.NewReader(photo[:len(photo)/3]), "image/jpeg", 422, 0, "corrupt"},
		{"too large", "", bytes.NewReader(make([]byte, 2<<20)), "image/jpeg", 413, 0, "too large"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, err := http.Post(srv.URL+"/v1/check"+c.query, c.contentType, c.body)
			require.NoError(t, err)
			defer res.Body.Close()
			assert.Equal(t, c.status, res.StatusCode)
			assert.Contains(t, res.Header.Get("Content-Type"), "application/json")
			var got map[string]any
			require.NoError(t, json.NewDecoder(res.Body).Decode(&got))
			if c.status == 200 {
				assert.Equal(t, false, got["valid"])
				assert.EqualValues(t, c.wantCode, got["error_code"])
				return
			}
			assert.Contains(t, strings.ToLower(got["error"].(string)), c.wantError)
		})
	}
}

func TestServeCheckEchoesOptions(t *testing.T) {
	srv := testServer(t, nil, true)
	res, err := http.Post(srv.URL+"/v1/check?side=back&type=passport&device=android", "image/jpeg", bytes.NewReader(greyJPEG(t)))
	require.NoError(t, err)
	defer res.Body.Close()
	var got struct {
		Side, Device string
		DocType      string `json:"document_type"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&got))
	assert.Equal(t, "back", got.Side)
	assert.Equal(t, "passport", got.DocType)
	assert.Equal(t, "ANDROID", got.Device)
}

func TestServePageAndEngine(t *testing.T) {
	cases := []struct {
		name      string
		hasEngine bool
		path      string
		status    int
		body      string
	}{
		{"page", true, "/", 200, "<title>page</title>"},
		{"missing wasm explained", false, "/preflight.wasm", 503, "make wasm"},
		{"unknown file", true, "/nope.js", 404, ""},
		{"unknown api route", true, "/v1/nope", 404, "no API route"},
		{"health", false, "/v1/health", 200, `"wasm":false`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := testServer(t, nil, c.hasEngine)
			res, err := http.Get(srv.URL + c.path)
			require.NoError(t, err)
			defer res.Body.Close()
			b, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			assert.Equal(t, c.status, res.StatusCode)
			assert.Contains(t, string(b), c.body)
			assert.Equal(t, "nosniff", res.Header.Get("X-Content-Type-Options"))
		})
	}
}

func TestServeRefusesForeignHostOnLoopback(t *testing.T) {
	srv := testServer(t, nil, true)
	cases := []struct {
		host   string
		status int
	}{
		{"localhost:8080", 200},
		{"127.0.0.1", 200},
		{"[::1]:8080", 200},
		{"evil.example:8080", 403},
	}
	for _, c := range cases {
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/v1/health", nil)
		require.NoError(t, err)
		req.Host = c.host
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		assert.Equal(t, c.status, res.StatusCode, c.host)
	}
}

func TestServeQueuesPastTheTimeout(t *testing.T) {
	// Take the only slot, as a long check would.
	a := &api{cfg: serveConfig{timeout: 50 * time.Millisecond, jobs: 1, maxBody: 1 << 20}, slots: make(chan struct{}, 1)}
	a.slots <- struct{}{}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/v1/check", bytes.NewReader(greyJPEG(t)))
	a.check(rec, req)
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code)
	assert.Contains(t, rec.Body.String(), "busy")
}

func TestServeUntilStopsWithTheContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- serveUntil(ctx, ln, testServer(t, nil, true).Config.Handler, time.Second)
	}()
	res, err := http.Get("http://" + ln.Addr().String() + "/v1/health")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("serveUntil did not return after the context ended")
	}
}

func TestRunServeFlags(t *testing.T) {
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--max-bytes", "0"}, "must be positive"},
		{[]string{"extra"}, "no arguments"},
		{[]string{"--addr", "256.0.0.1:99999"}, "listen"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		err := run(append([]string{"serve"}, c.args...), nil, &out, &errOut)
		require.Error(t, err, c.args)
		assert.Contains(t, err.Error(), c.want, c.args)
	}
}
