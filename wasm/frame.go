//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"syscall/js"

	"github.com/idpreflight/idpreflight/preflight"
)

// analyzeFrame(rgba, width, height, optionsJSON?) → Promise<FrameReport>.
// The pixels enter Go with one js.CopyBytesToGo into a buffer reused from
// frame to frame, as are the analysis buffers in the FrameState.
func (a *api) analyzeFrame(args []js.Value) (any, error) {
	// Width and height go through Value.Int, which panics on a non-number:
	// the panic is caught by promise and rejects with a clear message.
	w, h := arg(args, 1).Int(), arg(args, 2).Int()
	a.frameMu.Lock()
	defer a.frameMu.Unlock()
	opts, err := a.opts.get(arg(args, 3))
	if err != nil {
		return nil, err
	}
	rgba := arg(args, 0)
	if isBytes(rgba) && rgba.Get("length").Int() < 4*w*h {
		return nil, fmt.Errorf("%w: rgba has %d bytes, a %dx%d frame needs %d", errArgument, rgba.Get("length").Int(), w, h, 4*w*h)
	}
	a.pixels, err = bytesArg(rgba, "rgba", a.pixels)
	if err != nil {
		return nil, err
	}
	fr, err := preflight.AnalyzeFrame(context.Background(), a.pixels, w, h, &a.frame, opts...)
	if err != nil {
		return nil, err
	}
	return toJS(fr)
}

// resetFrames() → Promise<void>: forget the previous frames, e.g. when
// the camera or the document side changes.
func (a *api) resetFrames([]js.Value) (any, error) {
	a.frameMu.Lock()
	defer a.frameMu.Unlock()
	a.frame.Reset()
	return js.Undefined(), nil
}
