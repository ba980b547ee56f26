//go:build js && wasm

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"syscall/js"
	"testing"
)

// await blocks the test goroutine until p settles; the Go runtime yields
// to the JavaScript event loop meanwhile, which runs the API's goroutine.
func await(t *testing.T, p js.Value) (js.Value, js.Value) {
	t.Helper()
	type settled struct{ v, err js.Value }
	ch := make(chan settled, 1)
	onOK := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- settled{v: a[0]}; return nil })
	onErr := js.FuncOf(func(_ js.Value, a []js.Value) any { ch <- settled{err: a[0]}; return nil })
	defer onOK.Release()
	defer onErr.Release()
	p.Call("then", onOK, onErr)
	s := <-ch
	return s.v, s.err
}

// call invokes a method of the API object with Go values.
func call(a *api, method string, args ...any) js.Value { return a.object.Call(method, args...) }

// jsBytes copies b into a new Uint8Array.
func jsBytes(b []byte) js.Value {
	u := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u, b)
	return u
}

// cardJPEG is a w×h JPEG of a light rectangle on a dark background.
func cardJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := color.RGBA{40, 40, 40, 255}
			if x > w/5 && x < 4*w/5 && y > h/5 && y < 4*h/5 {
				c = color.RGBA{220, 220, 205, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
