package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/preflight/ocr/ocrtest"
)

func writeTemp(t *testing.T, name string, b []byte) string {
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, b, 0o644))
	return p
}

func TestSubmitForceSendsBothSides(t *testing.T) {
	srv := ocrtest.NewServer("jwt-1")
	defer srv.Close()
	t.Setenv(tokenEnv, "jwt-1")
	front, back := writeTemp(t, "f.jpg", smallJPEG(t, 1)), writeTemp(t, "b.jpg", smallJPEG(t, 2))
	var stdout, stderr bytes.Buffer
	err := run([]string{"submit", "--url", srv.URL, "--type", "identification_card", "--front", front, "--back", back,
		"--device", "android", "--return-id", "--force"}, nil, &stdout, &stderr)
	require.NoError(t, err, stderr.String())
	assert.Contains(t, stdout.String(), `"valid":true`)
	got := srv.Received()
	require.Len(t, got, 1)
	assert.Equal(t, "ANDROID", got[0].Device)
	assert.Equal(t, "True", got[0].ReturnID)
	assert.NotEmpty(t, got[0].Back)
}

func TestSubmitRefusesPredictedRejection(t *testing.T) {
	srv := ocrtest.NewServer("jwt-1")
	defer srv.Close()
	t.Setenv(tokenEnv, "jwt-1")
	front := writeTemp(t, "f.jpg", smallJPEG(t, 1)) // noise: no document in it
	var stderr bytes.Buffer
	err := run([]string{"submit", "--url", srv.URL, "--type", "passport", "--front", front}, nil, &bytes.Buffer{}, &stderr)
	assert.Equal(t, exitRejected, exitCode(err, &bytes.Buffer{}))
	assert.Contains(t, stderr.String(), "819")
	assert.Zero(t, srv.Attempts(), "nothing sent")
}

func TestSubmitEndpointRejection(t *testing.T) {
	srv := ocrtest.NewServer("jwt-1")
	defer srv.Close()
	srv.Enqueue(ocrtest.Answer{Status: 400, Body: `{"valid": false, "error_code": 829, "error": "The document has reflections", "id": 5}`})
	t.Setenv(tokenEnv, "jwt-1")
	var stdout, stderr bytes.Buffer
	err := run([]string{"submit", "--url", srv.URL, "--type", "passport", "--front", writeTemp(t, "f.jpg", smallJPEG(t, 1)), "--force"}, nil, &stdout, &stderr)
	assert.Equal(t, exitRejected, exitCode(err, &bytes.Buffer{}))
	assert.Contains(t, stdout.String(), `"error_code":829`)
}

func TestSubmitRefreshesWithTokenCommand(t *testing.T) {
	srv := ocrtest.NewServer("fresh")
	defer srv.Close()
	t.Setenv(tokenEnv, "stale")
	var stderr bytes.Buffer
	err := run([]string{"submit", "--url", srv.URL, "--type", "passport", "--front", writeTemp(t, "f.jpg", smallJPEG(t, 1)),
		"--force", "--token-command", "echo fresh"}, nil, &bytes.Buffer{}, &stderr)
	require.NoError(t, err, stderr.String())
	assert.Equal(t, "fresh", srv.Received()[0].Token)
}

func TestSubmitUsageErrors(t *testing.T) {
	big := writeTemp(t, "big.jpg", append([]byte{0xFF, 0xD8, 0xFF}, make([]byte, 2_000_000)...))
	small := writeTemp(t, "s.jpg", smallJPEG(t, 1))
	tests := []struct {
		name string
		args []string
	}{
		{"no type", []string{"submit", "--url", "http://x", "--front", small}},
		{"no url", []string{"submit", "--type", "passport", "--front", small}},
		{"too large, compression off", []string{"submit", "--url", "http://x", "--type", "passport", "--front", big, "--compress=false"}},
		{"card without back", []string{"submit", "--url", "http://x", "--type", "identification_card", "--front", small}},
		{"missing file", []string{"submit", "--url", "http://x", "--type", "passport", "--front", "/nonexistent.jpg"}},
	}
	t.Setenv("IDPREFLIGHT_URL", "")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := run(tc.args, nil, &bytes.Buffer{}, &bytes.Buffer{})
			assert.Equal(t, exitUsage, exitCode(err, &bytes.Buffer{}))
		})
	}
}

func TestSubmitRecompressesOversizePhoto(t *testing.T) {
	srv := ocrtest.NewServer("jwt-1")
	defer srv.Close()
	t.Setenv(tokenEnv, "jwt-1")
	// A PNG is not accepted by the endpoint: submit turns it into a JPEG.
	png, err := synth.EncodePNG(synth.NewScene(640, 480, synth.Clutter, 3).Img)
	require.NoError(t, err)
	var stderr bytes.Buffer
	err = run([]string{"submit", "--url", srv.URL, "--type", "passport", "--front", writeTemp(t, "f.png", png), "--force"}, nil, &bytes.Buffer{}, &stderr)
	require.NoError(t, err, stderr.String())
	assert.Contains(t, stderr.String(), "recompressed")
	sent := srv.Received()[0].Front
	assert.Equal(t, []byte{0xFF, 0xD8}, sent[:2])
	assert.LessOrEqual(t, len(sent), 2_000_000)
}
