//go:build js && wasm

package main

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noiseImage is a w×h image of smooth gradients plus noise: its JPEG size
// falls with the quality as a photo's does.
func noiseImage(w, h int) *image.RGBA {
	r := rand.New(rand.NewPCG(uint64(w), uint64(h)))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			n := uint8(r.IntN(40))
			img.Set(x, y, color.RGBA{uint8(x*200/w) + n, uint8(y*200/h) + n, 120 + n, 255})
		}
	}
	return img
}

// resolved returns a JavaScript Promise resolved with v.
func resolved(v any) js.Value { return js.Global().Get("Promise").Call("resolve", v) }

// fakeImage is the JavaScript image object recompress expects, encoding
// with image/jpeg in place of the browser; fail makes encode reject.
func fakeImage(t *testing.T, fail string) js.Value {
	t.Helper()
	enc := func(img image.Image, q int) js.Value {
		var buf bytes.Buffer
		require.NoError(t, jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}))
		return jsBytes(buf.Bytes())
	}
	var funcs []js.Func
	fn := func(f func(a []js.Value) any) js.Func {
		jf := js.FuncOf(func(_ js.Value, a []js.Value) any { return f(a) })
		funcs = append(funcs, jf)
		return jf
	}
	t.Cleanup(func() {
		for _, f := range funcs {
			f.Release()
		}
	})
	o := js.Global().Get("Object").New()
	o.Set("name", "fake")
	o.Set("encode", fn(func(a []js.Value) any {
		if fail != "" {
			return js.Global().Get("Promise").Call("reject", jsError(fail))
		}
		return resolved(enc(noiseImage(a[0].Int(), a[1].Int()), a[2].Int()))
	}))
	o.Set("encodeProbe", fn(func(a []js.Value) any {
		cols, rows, tw, th := a[1].Int(), a[2].Int(), a[3].Int(), a[4].Int()
		return resolved(enc(noiseImage(cols*tw, rows*th), a[7].Int()))
	}))
	o.Set("pixels", fn(func(a []js.Value) any {
		return resolved(jsBytes(noiseImage(a[0].Int(), a[1].Int()).Pix))
	}))
	return o
}

func TestRecompress(t *testing.T) {
	var pngBuf bytes.Buffer
	require.NoError(t, png.Encode(&pngBuf, noiseImage(600, 400)))
	var small bytes.Buffer
	require.NoError(t, jpeg.Encode(&small, noiseImage(200, 100), &jpeg.Options{Quality: 85}))
	verifyOff := `{"maxBytes":40000,"verify":false}`

	a := newAPI()
	defer a.release()
	t.Run("re-encodes with the image's encoder under the budget", func(t *testing.T) {
		v, err := await(t, call(a, "recompress", jsBytes(pngBuf.Bytes()), verifyOff, fakeImage(t, "")))
		require.True(t, err.IsUndefined(), "rejected: %v", err)
		info := v.Get("info")
		assert.Equal(t, "re-encoded", info.Get("action").String())
		assert.Equal(t, "fake", info.Get("encoder").String())
		assert.GreaterOrEqual(t, info.Get("encodes").Int(), 1)
		out := v.Get("bytes")
		require.True(t, isBytes(out))
		assert.LessOrEqual(t, out.Length(), 40000)
		assert.Equal(t, out.Length(), info.Get("output_bytes").Int())
	})
	t.Run("a compliant JPEG comes back unchanged", func(t *testing.T) {
		v, err := await(t, call(a, "recompress", jsBytes(small.Bytes()), `{"verify":false}`, fakeImage(t, "")))
		require.True(t, err.IsUndefined(), "rejected: %v", err)
		assert.True(t, v.Get("bytes").IsNull())
		assert.Equal(t, "untouched", v.Get("info").Get("action").String())
	})
	t.Run("verification reports the checks", func(t *testing.T) {
		v, err := await(t, call(a, "recompress", jsBytes(small.Bytes()), "", fakeImage(t, "")))
		require.True(t, err.IsUndefined(), "rejected: %v", err)
		assert.Equal(t, js.TypeBoolean, v.Get("info").Get("checks").Get("827").Type())
	})
	for _, tt := range []struct {
		name string
		args []any
		want string
	}{
		{"encoder rejects", []any{jsBytes(pngBuf.Bytes()), verifyOff, fakeImage(t, "canvas lost")}, "image.encode: canvas lost"},
		{"no image object", []any{jsBytes(pngBuf.Bytes()), verifyOff}, "image must be an object"},
		{"image without encode", []any{jsBytes(pngBuf.Bytes()), verifyOff, js.Global().Get("Object").New()}, "image.encode is not a function"},
		{"budget too small", []any{jsBytes(pngBuf.Bytes()), `{"maxBytes":10}`, fakeImage(t, "")}, "max bytes 10"},
		{"not an image", []any{jsBytes([]byte("nope")), verifyOff, fakeImage(t, "")}, "unsupported image format"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := await(t, call(a, "recompress", tt.args...))
			require.False(t, err.IsUndefined(), "want a rejection")
			assert.Contains(t, err.Get("message").String(), "idpreflight.recompress: ")
			assert.Contains(t, err.Get("message").String(), tt.want)
		})
	}
}
