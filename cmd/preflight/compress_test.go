package main

import (
	"bytes"
	"encoding/json"
	"image"
	_ "image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/preflight"
)

// photoJPEG is a noisy 1600×1000 synthetic photo at quality 97: about
// 1.5 MB, so small budgets force a re-encode.
func photoJPEG(t *testing.T) []byte {
	t.Helper()
	s := synth.NewScene(1600, 1000, synth.Wood, 1)
	b, err := synth.EncodeJPEG(synth.Noise(s.Img, 10, 1), 97)
	require.NoError(t, err)
	return b
}

func TestCompressCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "photo.jpg")
	data := photoJPEG(t)
	require.NoError(t, os.WriteFile(in, data, 0o644))

	tests := []struct {
		name     string
		args     []string
		outFile  string
		maxBytes int
		action   string
	}{
		{"default output beside the input", []string{in, "--max-bytes", "300000", "--verify=false"}, filepath.Join(dir, "photo.min.jpg"), 300000, preflight.ActionTranscoded},
		{"pixel path forced", []string{in, "-o", filepath.Join(dir, "px.jpg"), "--max-bytes", "300000", "--verify=false", "--transcode=false"}, filepath.Join(dir, "px.jpg"), 300000, preflight.ActionReencoded},
		{"flags before the input, -o", []string{"-o", filepath.Join(dir, "o.jpg"), "--max-bytes=250000", "--verify=false", in}, filepath.Join(dir, "o.jpg"), 250000, preflight.ActionTranscoded},
		{"compliant input copied", []string{in, "-o", filepath.Join(dir, "same.jpg"), "--verify=false"}, filepath.Join(dir, "same.jpg"), preflight.DefaultMaxBytes, preflight.ActionUntouched},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			require.NoError(t, run(append([]string{"compress"}, tt.args...), nil, &stdout, &stderr), stderr.String())
			out, err := os.ReadFile(tt.outFile)
			require.NoError(t, err)
			assert.LessOrEqual(t, len(out), tt.maxBytes)
			_, format, err := image.DecodeConfig(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format)
			line := stdout.String()
			assert.Contains(t, line, tt.action)
			assert.Contains(t, line, "-> "+tt.outFile)
			if tt.action == preflight.ActionUntouched {
				assert.Equal(t, data, out)
			}
		})
	}
}

func TestCompressPipesAndJSON(t *testing.T) {
	data := photoJPEG(t)
	var stdout, stderr bytes.Buffer
	err := run([]string{"compress", "-", "--max-bytes", "200000", "--json"}, bytes.NewReader(data), &stdout, &stderr)
	if err != nil {
		// 1 means the output fails a check; the bytes are still written.
		assert.Equal(t, exitRejected, exitCode(err, &bytes.Buffer{}), stderr.String())
	}
	require.LessOrEqual(t, stdout.Len(), 200000)
	_, format, err := image.DecodeConfig(bytes.NewReader(stdout.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, "jpeg", format)
	// With the JPEG on stdout, the Info goes to stderr.
	var info preflight.Info
	require.NoError(t, json.Unmarshal(stderr.Bytes(), &info), stderr.String())
	assert.Equal(t, stdout.Len(), info.OutputBytes)
	assert.Equal(t, len(data), info.InputBytes)
	assert.Len(t, info.Checks, 3)
}

// TestCompressCPUProfile: --cpuprofile writes a pprof profile (gzipped
// protobuf, what go build -pgo reads) and the output is still written.
func TestCompressCPUProfile(t *testing.T) {
	dir := t.TempDir()
	in, prof, out := filepath.Join(dir, "photo.jpg"), filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "o.jpg")
	require.NoError(t, os.WriteFile(in, photoJPEG(t), 0o644))
	var stdout, stderr bytes.Buffer
	require.NoError(t, run([]string{"compress", in, "-o", out, "--max-bytes", "300000", "--verify=false", "--cpuprofile", prof}, nil, &stdout, &stderr), stderr.String())
	p, err := os.ReadFile(prof)
	require.NoError(t, err)
	require.Greater(t, len(p), 2)
	assert.Equal(t, []byte{0x1f, 0x8b}, p[:2], "a pprof profile is gzipped")
	o, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.LessOrEqual(t, len(o), 300000)
}

func TestCompressUsageErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "photo.jpg")
	require.NoError(t, os.WriteFile(in, photoJPEG(t), 0o644))
	bad := filepath.Join(dir, "bad.jpg")
	require.NoError(t, os.WriteFile(bad, []byte("not an image"), 0o644))
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no input", []string{}, "usage"},
		{"two inputs", []string{in, in}, "usage"},
		{"missing file", []string{filepath.Join(dir, "nope.jpg")}, "no such file"},
		{"not an image", []string{bad, "-o", filepath.Join(dir, "x.jpg")}, "unsupported image format"},
		{"budget too small", []string{in, "--max-bytes", "12"}, "max bytes"},
		{"unknown metadata", []string{in, "--keep", "gps"}, "metadata kind"},
		{"profile in a missing folder", []string{in, "--cpuprofile", filepath.Join(dir, "none", "cpu.prof")}, "cpu profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(append([]string{"compress"}, tt.args...), nil, &stdout, &stderr)
			require.Error(t, err)
			assert.Equal(t, exitUsage, exitCode(err, &stderr))
			assert.Contains(t, strings.ToLower(stderr.String()), tt.want)
		})
	}
}
