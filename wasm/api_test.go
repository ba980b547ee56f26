//go:build js && wasm

package main

import (
	"syscall/js"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMethodsReturnPromises(t *testing.T) {
	a := newAPI()
	defer a.release()
	for _, m := range []string{"check", "analyzeFrame", "resetFrames", "recompress", "version"} {
		t.Run(m, func(t *testing.T) {
			p := call(a, m)
			require.True(t, p.InstanceOf(js.Global().Get("Promise")), "%s must return a Promise", m)
			await(t, p) // settle it before the next one
		})
	}
}

func TestVersion(t *testing.T) {
	a := newAPI()
	defer a.release()
	v, err := await(t, call(a, "version"))
	require.True(t, err.IsUndefined())
	assert.Equal(t, "pure-go", v.Get("engine").String())
	assert.Contains(t, v.Get("go").String(), "go1.")
}

func TestExitReleasesFunctions(t *testing.T) {
	a := newAPI()
	a.object.Call("exit")
	select {
	case <-a.done:
	default:
		t.Fatal("exit did not close done")
	}
	assert.Nil(t, a.funcs)
	a.object.Call("exit") // a second exit is harmless
}

func TestPanicRejectsWithError(t *testing.T) {
	p := promise("idpreflight.test", func() (any, error) { panic("boom") })
	_, err := await(t, p)
	require.True(t, err.InstanceOf(js.Global().Get("Error")))
	assert.Equal(t, "idpreflight.test: internal error (Go panic): boom", err.Get("message").String())
}
