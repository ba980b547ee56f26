//go:build js && wasm

package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheck(t *testing.T) {
	jpg := cardJPEG(t, 200, 120)
	tests := []struct {
		name    string
		args    []any
		wantErr string // substring of the rejection; "" for success
	}{
		{"jpeg with defaults", []any{jsBytes(jpg)}, ""},
		{"jpeg with options", []any{jsBytes(jpg), `{"side":"back","documentType":"passport","device":"ANDROID"}`}, ""},
		{"empty options string", []any{jsBytes(jpg), ""}, ""},
		{"no bytes", []any{}, "bytes must be a Uint8Array or Uint8ClampedArray, got undefined"},
		{"string instead of bytes", []any{"a.jpg"}, "got string"},
		{"not an image", []any{jsBytes([]byte("hello world"))}, "unsupported image format"},
		{"empty", []any{jsBytes(nil)}, "empty input"},
		{"truncated jpeg", []any{jsBytes(jpg[:60])}, "corrupt image"},
		{"options not JSON", []any{jsBytes(jpg), "{side"}, "options JSON"},
		{"options of the wrong type", []any{jsBytes(jpg), 42}, "options must be a JSON string"},
		{"bad side", []any{jsBytes(jpg), `{"side":"left"}`}, `side "left"`},
	}
	a := newAPI()
	defer a.release()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := await(t, call(a, "check", tt.args...))
			if tt.wantErr != "" {
				require.False(t, err.IsUndefined(), "want a rejection")
				assert.Contains(t, err.Get("message").String(), "idpreflight.check: ")
				assert.Contains(t, err.Get("message").String(), tt.wantErr)
				return
			}
			require.True(t, err.IsUndefined(), "rejected: %v", err)
			assert.Equal(t, 200, v.Get("width").Int())
			assert.Equal(t, 120, v.Get("height").Int())
			assert.Equal(t, "pure-go", v.Get("engine").String())
			assert.True(t, v.Get("issues").InstanceOf(jsArray()))
		})
	}
}
