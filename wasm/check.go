//go:build js && wasm

package main

import (
	"context"
	"syscall/js"

	"github.com/idpreflight/idpreflight/preflight"
)

// check(bytes: Uint8Array, optionsJSON?: string) → Promise<Report>: the
// full check of an encoded photo, JPEG facts (DQT, EXIF) read from the bytes.
func (a *api) check(args []js.Value) (any, error) {
	data, err := bytesArg(arg(args, 0), "bytes", nil)
	if err != nil {
		return nil, err
	}
	_, opts, err := parseOptions(arg(args, 1))
	if err != nil {
		return nil, err
	}
	rep, err := preflight.Check(context.Background(), data, opts...)
	if err != nil {
		return nil, err
	}
	return toJS(rep)
}
