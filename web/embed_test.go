package web

import (
	"errors"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFSServesThePage(t *testing.T) {
	for _, name := range []string{"index.html", "style.css", "capture.js", "guidance.js", "i18n.js", "payload.js"} {
		b, err := fs.ReadFile(FS(), name)
		require.NoError(t, err, name)
		assert.NotEmpty(t, b, name)
	}
}

func TestFSHidesBuildNotesAndTests(t *testing.T) {
	for _, name := range []string{"README.md", ".gitignore", "test/guidance.test.js", "embed.go", "../go.mod", "/index.html"} {
		_, err := FS().Open(name)
		assert.Error(t, err, name)
	}
}

func TestOverlayPrefersTheBuiltFiles(t *testing.T) {
	top := fstest.MapFS{"dist/preflight.wasm": {Data: []byte("wasm")}, "dist/index.html": {Data: []byte("built page")}}
	base := fstest.MapFS{"index.html": {Data: []byte("page")}, "capture.js": {Data: []byte("js")}}
	o := overlay{top: top, topDir: "dist/", base: base}
	cases := []struct{ name, want string }{
		{"index.html", "built page"},
		{"capture.js", "js"},
		{"preflight.wasm", "wasm"},
	}
	for _, c := range cases {
		b, err := fs.ReadFile(o, c.name)
		require.NoError(t, err, c.name)
		assert.Equal(t, c.want, string(b), c.name)
	}
}

func TestOverlayNamesTheMissingEngine(t *testing.T) {
	o := overlay{top: fstest.MapFS{}, topDir: "dist/", base: fstest.MapFS{"index.html": {}}}
	_, err := o.Open(WasmFile)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrNoEngine))
	assert.True(t, errors.Is(err, fs.ErrNotExist))
}

func TestHasEngineMatchesFS(t *testing.T) {
	_, err := fs.Stat(FS(), WasmFile)
	assert.Equal(t, HasEngine(), err == nil)
}
