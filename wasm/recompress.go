//go:build js && wasm

package main

import (
	"fmt"
	"syscall/js"

	"github.com/idpreflight/idpreflight/preflight"
)

// recompress(bytes, optionsJSON, image) → Promise<{bytes, info}> fits the
// photo under maxBytes with the shared Go policy
// (preflight.RecompressExternal), the pixels decoded, resized and encoded
// by image, which preflight-worker.js builds on createImageBitmap and
// OffscreenCanvas.convertToBlob:
//
//	{ name: string,
//	  encode(w, h, quality) → Promise<Uint8Array>,          // JPEG of the upright image at w×h
//	  encodeProbe(tiles, cols, rows, tileW, tileH, w, h, quality) → Promise<Uint8Array>,
//	  pixels(w, h) → Promise<Uint8Array|Uint8ClampedArray> } // RGBA
//
// bytes is null when the input is returned unchanged (a compliant JPEG);
// info is preflight.Info.
func (a *api) recompress(args []js.Value) (any, error) {
	data, err := bytesArg(arg(args, 0), "bytes", nil)
	if err != nil {
		return nil, err
	}
	o, checkOpts, err := parseOptions(arg(args, 1))
	if err != nil {
		return nil, err
	}
	img, err := newJSImage(arg(args, 2))
	if err != nil {
		return nil, err
	}
	opts := []preflight.RecompressOption{preflight.WithCheckOptions(checkOpts...)}
	if o.MaxBytes != 0 {
		opts = append(opts, preflight.MaxBytes(o.MaxBytes))
	}
	if o.Verify != nil {
		opts = append(opts, preflight.Verify(*o.Verify))
	}
	out, info, err := preflight.RecompressExternal(data, img, opts...)
	if err != nil {
		return nil, err
	}
	jsInfo, err := toJS(info)
	if err != nil {
		return nil, err
	}
	res := js.Global().Get("Object").New()
	res.Set("info", jsInfo)
	res.Set("bytes", js.Null())
	if info.Action != preflight.ActionUntouched {
		u := js.Global().Get("Uint8Array").New(len(out))
		js.CopyBytesToJS(u, out)
		res.Set("bytes", u)
	}
	return res, nil
}

// jsImage is a preflight.ExternalImage whose methods are JavaScript
// functions returning Promises.
type jsImage struct {
	obj  js.Value
	name string
}

func newJSImage(v js.Value) (*jsImage, error) {
	if v.Type() != js.TypeObject {
		return nil, fmt.Errorf("%w: image must be an object with encode, encodeProbe and pixels, got %s", errArgument, v.Type())
	}
	for _, m := range []string{"encode", "encodeProbe", "pixels"} {
		if v.Get(m).Type() != js.TypeFunction {
			return nil, fmt.Errorf("%w: image.%s is not a function", errArgument, m)
		}
	}
	name := "browser"
	if n := v.Get("name"); n.Type() == js.TypeString {
		name = n.String()
	}
	return &jsImage{obj: v, name: name}, nil
}

func (j *jsImage) Name() string { return j.name }

// call invokes a method and copies the bytes its Promise resolves to.
func (j *jsImage) call(method string, args ...any) ([]byte, error) {
	v, err := awaitPromise(j.obj.Call(method, args...))
	if err != nil {
		return nil, fmt.Errorf("image.%s: %w", method, err)
	}
	return bytesArg(v, "image."+method+" result", nil)
}

func (j *jsImage) Encode(w, h, q int) ([]byte, error) { return j.call("encode", w, h, q) }

func (j *jsImage) EncodeProbe(g preflight.ProbeGrid, w, h, q int) ([]byte, error) {
	tiles := js.Global().Get("Int32Array").New(2 * len(g.Tiles))
	for i, p := range g.Tiles {
		tiles.SetIndex(2*i, p.X)
		tiles.SetIndex(2*i+1, p.Y)
	}
	return j.call("encodeProbe", tiles, g.Cols, g.Rows, g.TileW, g.TileH, w, h, q)
}

func (j *jsImage) Pixels(w, h int) ([]byte, error) { return j.call("pixels", w, h) }
