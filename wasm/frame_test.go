//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func jsArray() js.Value { return js.Global().Get("Array") }

// rgbaFrame is a w×h mid-grey RGBA frame as a Uint8ClampedArray.
func rgbaFrame(w, h int) js.Value {
	a := js.Global().Get("Uint8ClampedArray").New(4 * w * h)
	a.Call("fill", 128)
	return a
}

func TestAnalyzeFrame(t *testing.T) {
	tests := []struct {
		name    string
		args    []any
		wantErr string
	}{
		{"640x480", []any{rgbaFrame(640, 480), 640, 480}, ""},
		{"with options", []any{rgbaFrame(64, 48), 64, 48, `{"documentType":"passport"}`}, ""},
		{"Uint8Array", []any{jsBytes(make([]byte, 4*32*24)), 32, 24, nil}, ""},
		{"short buffer", []any{rgbaFrame(10, 10), 640, 480}, "rgba has 400 bytes, a 640x480 frame needs 1228800"},
		{"zero size", []any{rgbaFrame(10, 10), 0, 10}, "frame size 0x10"},
		{"pixels not bytes", []any{js.Global().Get("Array").New(16), 2, 2}, "rgba must be a Uint8Array"},
		{"bad device", []any{rgbaFrame(4, 4), 4, 4, `{"device":"PALM"}`}, `device "PALM"`},
		{"width not a number: Go panic", []any{rgbaFrame(4, 4), "wide", 4}, "internal error (Go panic)"},
	}
	a := newAPI()
	defer a.release()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := await(t, call(a, "analyzeFrame", tt.args...))
			if tt.wantErr != "" {
				require.False(t, err.IsUndefined(), "want a rejection")
				assert.Contains(t, err.Get("message").String(), "idpreflight.analyzeFrame: ")
				assert.Contains(t, err.Get("message").String(), tt.wantErr)
				return
			}
			require.True(t, err.IsUndefined(), "rejected: %v", err)
			assert.Equal(t, tt.args[1], v.Get("width").Int())
			assert.Equal(t, tt.args[2], v.Get("height").Int())
			for _, f := range []string{"quads", "codes", "issues"} {
				assert.True(t, v.Get(f).InstanceOf(jsArray()), f)
			}
			assert.Equal(t, js.TypeBoolean, v.Get("stable").Type())
			assert.Equal(t, js.TypeBoolean, v.Get("ready").Type())
		})
	}
}

func TestAnalyzeFrameReusesThePixelBuffer(t *testing.T) {
	a := newAPI()
	defer a.release()
	_, err := await(t, call(a, "analyzeFrame", rgbaFrame(64, 48), 64, 48))
	require.True(t, err.IsUndefined())
	first := &a.pixels[0]
	_, err = await(t, call(a, "analyzeFrame", rgbaFrame(32, 24), 32, 24))
	require.True(t, err.IsUndefined())
	assert.Same(t, first, &a.pixels[0], "a smaller frame reuses the buffer")
}

func TestOptionCacheParsesOnce(t *testing.T) {
	var c optionCache
	opts, err := c.get(js.ValueOf(`{"side":"back"}`))
	require.NoError(t, err)
	again, err := c.get(js.ValueOf(`{"side":"back"}`))
	require.NoError(t, err)
	assert.Same(t, &opts[0], &again[0], "same string, same parsed options")
	other, err := c.get(js.ValueOf(`{"side":"front"}`))
	require.NoError(t, err)
	assert.Len(t, other, 1)
	_, err = c.get(js.ValueOf(`{"side":"up"}`))
	require.Error(t, err)
}
