//go:build js && wasm

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"syscall/js"

	"github.com/idpreflight/idpreflight/preflight"
)

// errArgument marks a JavaScript argument of the wrong type or shape.
var errArgument = errors.New("invalid argument")

// arg returns args[i], or undefined when the caller passed fewer.
func arg(args []js.Value, i int) js.Value {
	if i < len(args) {
		return args[i]
	}
	return js.Undefined()
}

// isBytes reports whether v is a Uint8Array or Uint8ClampedArray, the only
// types js.CopyBytesToGo accepts.
func isBytes(v js.Value) bool {
	return v.Type() == js.TypeObject &&
		(v.InstanceOf(js.Global().Get("Uint8Array")) || v.InstanceOf(js.Global().Get("Uint8ClampedArray")))
}

// bytesArg copies a byte array argument into buf (grown when too small)
// with a single js.CopyBytesToGo and returns the filled part.
func bytesArg(v js.Value, what string, buf []byte) ([]byte, error) {
	if !isBytes(v) {
		return nil, fmt.Errorf("%w: %s must be a Uint8Array or Uint8ClampedArray, got %s", errArgument, what, v.Type())
	}
	n := v.Get("length").Int()
	if cap(buf) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	js.CopyBytesToGo(buf, v)
	return buf, nil
}

// jsOptions is the options argument: a JSON string (or undefined / null /
// "" for the defaults) in the spelling of web/preflight.d.ts.
type jsOptions struct {
	Side         string `json:"side"`
	DocumentType string `json:"documentType"`
	Device       string `json:"device"`
	// MaxBytes and Verify are recompress's (RecompressOptions).
	MaxBytes int   `json:"maxBytes"`
	Verify   *bool `json:"verify"`
}

// parseOptions decodes the options JSON and turns it into library options.
func parseOptions(v js.Value) (jsOptions, []preflight.Option, error) {
	var o jsOptions
	switch v.Type() {
	case js.TypeUndefined, js.TypeNull:
		return o, nil, nil
	case js.TypeString:
	default:
		return o, nil, fmt.Errorf("%w: options must be a JSON string, got %s", errArgument, v.Type())
	}
	if s := v.String(); s != "" {
		if err := json.Unmarshal([]byte(s), &o); err != nil {
			return o, nil, fmt.Errorf("%w: options JSON: %v", errArgument, err)
		}
	}
	opts, err := o.library()
	return o, opts, err
}

func (o jsOptions) library() ([]preflight.Option, error) {
	var opts []preflight.Option
	if o.Side != "" {
		s, err := preflight.ParseSide(o.Side)
		if err != nil {
			return nil, err
		}
		opts = append(opts, preflight.WithSide(s))
	}
	if o.DocumentType != "" {
		t, err := preflight.ParseDocumentType(o.DocumentType)
		if err != nil {
			return nil, err
		}
		opts = append(opts, preflight.WithDocumentType(t))
	}
	if o.Device != "" {
		d, err := preflight.ParseDevice(o.Device)
		if err != nil {
			return nil, err
		}
		opts = append(opts, preflight.WithDevice(d))
	}
	return opts, nil
}

// optionCache keeps the options of the last frame: a camera stream sends
// the same options string every frame, so it is parsed once.
type optionCache struct {
	key  string
	set  bool
	opts []preflight.Option
}

func (c *optionCache) get(v js.Value) ([]preflight.Option, error) {
	key := ""
	if v.Type() == js.TypeString {
		key = v.String()
	}
	if c.set && key == c.key && v.Type() != js.TypeObject {
		return c.opts, nil
	}
	_, opts, err := parseOptions(v)
	if err != nil {
		return nil, err
	}
	c.key, c.set, c.opts = key, true, opts
	return opts, nil
}

// toJS turns a Go value into a JavaScript object through JSON, the same
// encoding the CLI prints.
func toJS(v any) (js.Value, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return js.Undefined(), err
	}
	return js.Global().Get("JSON").Call("parse", string(b)), nil
}
