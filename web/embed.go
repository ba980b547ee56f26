// Package web holds the browser capture page and embeds it, with the
// built WebAssembly engine when `make wasm` has put it in dist/, for
// `preflight serve`.
package web

import (
	"embed"
	"errors"
	"io/fs"
)

// The page: HTML, styles and ES modules at the top of this folder (tests
// live in test/ and are not served).
//
//go:embed index.html style.css *.js
var page embed.FS

// The build output of `make wasm`; dist/ always holds its README, so the
// embed compiles before the first wasm build.
//
//go:embed dist
var dist embed.FS

// WasmFile is the engine binary the worker loads, at the root of FS.
const WasmFile = "preflight.wasm"

// ErrNoEngine says the binary was built without the WebAssembly engine.
var ErrNoEngine = errors.New("web: preflight.wasm is not embedded; run `make wasm` before building the preflight binary")

// FS returns the files to serve at the site root: the page, with the
// built engine files of dist/ laid over it at the same level (so that
// ./preflight.wasm resolves next to the worker as it does in dist/web).
func FS() fs.FS {
	return overlay{top: dist, topDir: "dist/", base: page}
}

// HasEngine reports whether preflight.wasm is embedded; when it is not,
// opening it from FS returns an error wrapping ErrNoEngine.
func HasEngine() bool {
	_, err := fs.Stat(dist, "dist/"+WasmFile)
	return err == nil
}

// overlay serves a name from topDir in top when it is there, else from base.
type overlay struct {
	top    fs.FS
	topDir string
	base   fs.FS
}

// Open implements fs.FS.
func (o overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if name != "." && name != "README.md" && name != ".gitignore" {
		if f, err := o.top.Open(o.topDir + name); err == nil {
			return f, nil
		}
	}
	f, err := o.base.Open(name)
	if err != nil && name == WasmFile {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.Join(fs.ErrNotExist, ErrNoEngine)}
	}
	return f, err
}
