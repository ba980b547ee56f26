package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/idpreflight/idpreflight/preflight"
)

// compressAnswer is /v1/compress's JSON answer (Accept: application/json).
type compressAnswer struct {
	Info preflight.Info `json:"info"`
	// JPEG is the output, base64 in JSON.
	JPEG []byte `json:"jpeg"`
}

// compress recompresses the image under max_bytes (default 2 000 000).
// The answer is the JPEG with its Info in the X-Preflight-Recompress
// header, or with Accept: application/json, {"info", "jpeg" (base64)}.
func (a *api) compress(w http.ResponseWriter, r *http.Request) {
	opts, err := compressOptions(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	a.withImage(w, r, func(_ context.Context, data []byte) {
		out, info, err := preflight.Recompress(data, opts...)
		if err != nil {
			writeError(w, errorStatus(err), err)
			return
		}
		if r.Header.Get("Accept") == "application/json" {
			writeJSON(w, http.StatusOK, compressAnswer{Info: info, JPEG: out})
			return
		}
		meta, err := json.Marshal(info)
		if err != nil {
			writeError(w, http.StatusInternalServerError, err)
			return
		}
		w.Header().Set("Content-Type", "image/jpeg")
		w.Header().Set("Content-Length", strconv.Itoa(len(out)))
		w.Header().Set("X-Preflight-Recompress", string(meta))
		_, _ = w.Write(out)
	})
}

// compressOptions reads max_bytes and type from the query.
func compressOptions(r *http.Request) ([]preflight.RecompressOption, error) {
	q := r.URL.Query()
	maxBytes := preflight.DefaultMaxBytes
	if s := q.Get("max_bytes"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("%w: max_bytes %q", preflight.ErrInvalidOption, s)
		}
		maxBytes = n
	}
	opts := []preflight.RecompressOption{preflight.MaxBytes(maxBytes)}
	if s := q.Get("type"); s != "" {
		t, err := preflight.ParseDocumentType(s)
		if err != nil {
			return nil, err
		}
		opts = append(opts, preflight.WithCheckOptions(preflight.WithDocumentType(t)))
	}
	return opts, nil
}
