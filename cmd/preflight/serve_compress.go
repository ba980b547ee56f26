package main

import (
	"errors"
	"net/http"
)

// compress recompresses under a byte budget; it waits for the library's
// Recompress.
func (a *api) compress(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotImplemented, errors.New("compress: not available in this build"))
}
