package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
)

// scenesDir holds the committed synth scenes (see testdata/README.md).
var scenesDir = filepath.Join("..", "..", "testdata", "scenes")

// cliRecord is the part of an NDJSON record the tests read.
type cliRecord struct {
	File   string `json:"file"`
	Valid  bool   `json:"valid"`
	Code   int    `json:"error_code"`
	Issues []struct {
		Code     int    `json:"code"`
		Severity string `json:"severity"`
	} `json:"issues"`
	Document *struct {
		Quads [][4][2]float64 `json:"quads"`
	} `json:"document"`
	ReadError string `json:"read_error"`
}

func parseNDJSON(t *testing.T, out []byte) []cliRecord {
	t.Helper()
	var recs []cliRecord
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r cliRecord
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r), sc.Text())
		recs = append(recs, r)
	}
	return recs
}

// runCLI runs the program and returns its exit code and outputs.
func runCLI(t *testing.T, stdin []byte, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, bytes.NewReader(stdin), &out, &errb)
	code = exitCode(err, &errb)
	return code, out.String(), errb.String()
}

// badFiles writes every kind of unreadable input into dir and returns
// name → the words its error must contain.
func badFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	img := synth.NewScene(160, 100, synth.Gradient, 1).Img
	jpg, err := synth.EncodeJPEG(img, 85)
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(7, 7))
	random := make([]byte, 3000)
	for i := range random {
		random[i] = byte(rng.IntN(256))
	}
	random[0] = 0
	files := map[string][]byte{
		"empty.jpg":     {},
		"truncated.jpg": jpg[:len(jpg)/2],
		"random.jpg":    random,
		"bomb.jpg":      synth.JPEGHeader(60000, 60000),
		"bomb.png":      synth.PNGHeader(60000, 60000),
		"iphone.heic":   synth.HEIC(),
	}
	want := map[string]string{
		"empty.jpg":     "empty",
		"truncated.jpg": "corrupt",
		"random.jpg":    "unsupported image format",
		"bomb.jpg":      "too large",
		"bomb.png":      "too large",
		"iphone.heic":   "heic is not supported",
	}
	for name, b := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	return want
}

func TestCLIBadInputsExit2AndTheBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	want := badFiles(t, dir)
	good, err := os.ReadFile(filepath.Join(scenesDir, "no_document.jpg"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "z_good.jpg"), good, 0o644))

	code, stdout, stderr := runCLI(t, nil, "check", "--format", "ndjson", "--jobs", "2", dir)
	assert.Equal(t, exitUsage, code)
	recs := parseNDJSON(t, []byte(stdout))
	require.Len(t, recs, len(want)+1, "one record per file, the batch went on")
	for _, r := range recs {
		name := filepath.Base(r.File)
		if name == "z_good.jpg" {
			assert.Empty(t, r.ReadError)
			assert.Equal(t, 819, r.Code)
			continue
		}
		assert.Contains(t, r.ReadError, want[name], name)
		assert.Contains(t, stderr, name, "every failure is named on stderr")
	}
	assert.NotContains(t, stderr, "panic")
}

func TestCLIEachBadInputAlone(t *testing.T) {
	dir := t.TempDir()
	for name, words := range badFiles(t, dir) {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, "check", filepath.Join(dir, name))
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, stdout+stderr, words)
		})
	}
}

func TestCLIFormats(t *testing.T) {
	file := filepath.Join(scenesDir, "no_document.jpg")
	t.Run("text", func(t *testing.T) {
		code, stdout, _ := runCLI(t, nil, "check", "--format", "text", file)
		assert.Equal(t, exitRejected, code)
		assert.Contains(t, stdout, "REJECT")
		assert.Contains(t, stdout, "819 The document is not detected in the image.")
	})
	t.Run("json", func(t *testing.T) {
		code, stdout, _ := runCLI(t, nil, "check", "--format", "json", file)
		assert.Equal(t, exitRejected, code)
		var recs []cliRecord
		require.NoError(t, json.Unmarshal([]byte(stdout), &recs))
		require.Len(t, recs, 1)
		assert.Equal(t, file, recs[0].File)
		assert.Equal(t, 819, recs[0].Code)
	})
	t.Run("ndjson", func(t *testing.T) {
		code, stdout, _ := runCLI(t, nil, "check", "--format", "ndjson", file, file)
		assert.Equal(t, exitRejected, code)
		recs := parseNDJSON(t, []byte(stdout))
		require.Len(t, recs, 2)
		for _, r := range recs {
			assert.Equal(t, file, r.File)
			require.NotEmpty(t, r.Issues)
			assert.Equal(t, 819, r.Issues[0].Code)
			assert.Equal(t, "fail", r.Issues[0].Severity)
		}
	})
}

func TestCLIStdin(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(scenesDir, "no_document.jpg"))
	require.NoError(t, err)
	code, stdout, _ := runCLI(t, data, "check", "--format", "ndjson", "-")
	assert.Equal(t, exitRejected, code)
	recs := parseNDJSON(t, []byte(stdout))
	require.Len(t, recs, 1)
	assert.Equal(t, "-", recs[0].File)
	assert.Equal(t, 819, recs[0].Code)

	code, stdout, _ = runCLI(t, nil, "check", "--format", "ndjson", "-")
	assert.Equal(t, exitUsage, code, "empty stdin is unreadable input")
	recs = parseNDJSON(t, []byte(stdout))
	require.Len(t, recs, 1)
	assert.Contains(t, recs[0].ReadError, "empty")
}

func TestCLIWalksFolders(t *testing.T) {
	dir := t.TempDir()
	img := synth.NewScene(120, 80, synth.Plain, 2).Img
	jpg, err := synth.EncodeJPEG(img, 80)
	require.NoError(t, err)
	png, err := synth.EncodePNG(img)
	require.NoError(t, err)
	files := map[string][]byte{
		"a.jpg":            jpg,
		"sub/b.JPEG":       jpg,
		"sub/deeper/c.png": png,
		"sub/notes.txt":    []byte("not an image, not picked up"),
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, b, 0o644))
	}
	_, stdout, _ := runCLI(t, nil, "check", "--format", "ndjson", dir)
	var got []string
	for _, r := range parseNDJSON(t, []byte(stdout)) {
		rel, err := filepath.Rel(dir, r.File)
		require.NoError(t, err)
		got = append(got, filepath.ToSlash(rel))
		assert.Empty(t, r.ReadError)
	}
	assert.Subset(t, got, []string{"a.jpg", "sub/b.JPEG", "sub/deeper/c.png"})
	assert.NotContains(t, got, "sub/notes.txt")
}

func TestCLIUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"no command", nil, "usage"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"check without paths", []string{"check"}, "usage"},
		{"bad format", []string{"check", "--format", "xml", "x.jpg"}, "--format"},
		{"bad side", []string{"check", "--side", "middle", "x.jpg"}, "side"},
		{"bad device", []string{"check", "--device", "NOKIA", "x.jpg"}, "device"},
		{"missing file", []string{"check", "does-not-exist.jpg"}, "does-not-exist.jpg"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, nil, tc.args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, strings.ToLower(stdout+stderr), strings.ToLower(tc.msg))
		})
	}
}

// A synthetic scene that is not a photo of anything is rejected with 819
// and exit 1; the folder of committed scenes as a whole exits 1 too.
func TestCLIExitRejected(t *testing.T) {
	code, _, _ := runCLI(t, nil, "check", scenesDir)
	assert.Equal(t, exitRejected, code)
	s := synth.NewScene(64, 48, synth.Plain, 1)
	png, err := synth.EncodePNG(s.Img)
	require.NoError(t, err)
	code, _, _ = runCLI(t, png, "check", "-")
	assert.Equal(t, exitRejected, code)
}

// TestCLIValidSceneExits0: the valid scene passes every check, detection
// included, and its NDJSON record carries the document's quad.
func TestCLIValidSceneExits0(t *testing.T) {
	file := filepath.Join(scenesDir, "valid_id_card.jpg")
	code, stdout, stderr := runCLI(t, nil, "check", "--format", "ndjson", file)
	assert.Equal(t, exitOK, code, stderr)
	recs := parseNDJSON(t, []byte(stdout))
	require.Len(t, recs, 1)
	assert.True(t, recs[0].Valid)
	require.NotNil(t, recs[0].Document)
	require.Len(t, recs[0].Document.Quads, 1)
	// The card is drawn around (640, 370); its quad's corners surround it.
	q := recs[0].Document.Quads[0]
	assert.Less(t, q[0][0], 640.0)
	assert.Greater(t, q[2][0], 640.0)
	assert.Less(t, q[0][1], 370.0)
	assert.Greater(t, q[2][1], 370.0)
}
