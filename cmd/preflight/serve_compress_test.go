package main

import (
	"bytes"
	"encoding/json"
	"image"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/idpreflight/idpreflight/preflight"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noisyJPEG is a photo that random noise makes large at quality 100.
func noisyJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	var buf bytes.Buffer
	require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: 100}))
	return buf.Bytes()
}

func TestServeCompress(t *testing.T) {
	srv := testServer(t, func(c *serveConfig) { c.maxBody = 8 << 20 }, true)
	photo := noisyJPEG(t, 640, 480)
	budget := len(photo) / 3
	cases := []struct {
		name     string
		query    string
		accept   string
		body     []byte
		status   int
		maxBytes int
	}{
		{"jpeg answer", "?max_bytes=" + strconv.Itoa(budget), "", photo, 200, budget},
		{"json answer", "?max_bytes=" + strconv.Itoa(budget) + "&type=passport", "application/json", photo, 200, budget},
		{"bad budget", "?max_bytes=-5", "", photo, 400, 0},
		{"bad type", "?type=visa", "", photo, 400, 0},
		{"not an image", "", "", []byte("plain text, no image here"), 415, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/v1/compress"+c.query, bytes.NewReader(c.body))
			require.NoError(t, err)
			req.Header.Set("Content-Type", "image/jpeg")
			if c.accept != "" {
				req.Header.Set("Accept", c.accept)
			}
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer res.Body.Close()
			body, err := io.ReadAll(res.Body)
			require.NoError(t, err)
			require.Equal(t, c.status, res.StatusCode, string(body))
			if c.status != 200 {
				assert.Contains(t, string(body), `"error"`)
				return
			}
			var out []byte
			var info preflight.Info
			if c.accept == "application/json" {
				var ans compressAnswer
				require.NoError(t, json.Unmarshal(body, &ans))
				out, info = ans.JPEG, ans.Info
			} else {
				assert.Equal(t, "image/jpeg", res.Header.Get("Content-Type"))
				require.NoError(t, json.NewDecoder(strings.NewReader(res.Header.Get("X-Preflight-Recompress"))).Decode(&info))
				out = body
			}
			assert.LessOrEqual(t, len(out), c.maxBytes)
			assert.Equal(t, len(out), info.OutputBytes)
			assert.Equal(t, len(photo), info.InputBytes)
			_, err = jpeg.DecodeConfig(bytes.NewReader(out))
			assert.NoError(t, err)
		})
	}
}
