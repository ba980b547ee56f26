package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"strings"

	"github.com/idpreflight/idpreflight/preflight"
	"github.com/idpreflight/idpreflight/web"
)

// imageFields are the multipart fields /v1 takes the image from, the
// endpoint's names first.
var imageFields = []string{"frontside", "backside", "image", "file"}

// api holds what the handlers share; it is read-only after newServer.
type api struct {
	cfg       serveConfig
	slots     chan struct{} // one token per check running
	hasEngine bool
}

// newServer returns the handler of `preflight serve`: the page at /, the
// JSON API under /v1/.
//
//	GET  /v1/health                      {"engine", "wasm", "version"}
//	POST /v1/check?side=&type=&device=   body: the image (raw, or multipart field
//	                                     frontside|backside|image|file) → Report JSON
//	POST /v1/compress?max_bytes=N        body: the image → image/jpeg under N bytes
//	                                     (default 2 000 000), X-Preflight-Recompress: info JSON
//
// Errors are JSON {"error": "..."} with 400 (bad option or empty body),
// 413 (too large), 415 (not an image we read), 422 (corrupt), 503 (busy
// past the timeout). A rejected photo is a 200 with valid=false.
func newServer(cfg serveConfig, page fs.FS, hasEngine bool) http.Handler {
	a := &api{cfg: cfg, slots: make(chan struct{}, cfg.jobs), hasEngine: hasEngine}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/health", a.health)
	mux.HandleFunc("POST /v1/check", a.check)
	mux.HandleFunc("POST /v1/compress", a.compress)
	mux.HandleFunc("/v1/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Errorf("no API route %s %s", r.Method, r.URL.Path))
	})
	files := http.FileServerFS(page)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if strings.TrimPrefix(r.URL.Path, "/") == web.WasmFile && !a.hasEngine {
			http.Error(w, web.ErrNoEngine.Error(), http.StatusServiceUnavailable)
			return
		}
		files.ServeHTTP(w, r)
	})
	return guardHost(cfg.addr, withHeaders(mux))
}

func (a *api) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"engine": preflight.EngineName, "wasm": a.hasEngine, "version": version})
}

func (a *api) check(w http.ResponseWriter, r *http.Request) {
	opts, err := checkOptions(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	a.withImage(w, r, func(ctx context.Context, data []byte) {
		rep, err := preflight.Check(ctx, data, opts...)
		if err != nil {
			writeError(w, errorStatus(err), err)
			return
		}
		writeJSON(w, http.StatusOK, rep)
	})
}

// withImage reads the request's image within the size limit, waits for a
// check slot within the timeout, and calls do.
func (a *api) withImage(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, data []byte)) {
	ctx, cancel := context.WithTimeout(r.Context(), a.cfg.timeout)
	defer cancel()
	data, err := readImage(w, r, a.cfg.maxBody)
	if err != nil {
		writeError(w, errorStatus(err), err)
		return
	}
	select {
	case a.slots <- struct{}{}:
		defer func() { <-a.slots }()
	case <-ctx.Done():
		writeError(w, http.StatusServiceUnavailable, fmt.Errorf("busy: no check slot within %v", a.cfg.timeout))
		return
	}
	do(ctx, data)
}

// checkOptions reads side, type and device from the query.
func checkOptions(r *http.Request) ([]preflight.Option, error) {
	q := r.URL.Query()
	get := func(k, def string) string {
		if v := q.Get(k); v != "" {
			return v
		}
		return def
	}
	side, err := preflight.ParseSide(get("side", "front"))
	if err != nil {
		return nil, err
	}
	dt, err := preflight.ParseDocumentType(get("type", get("document_type", "identification_card")))
	if err != nil {
		return nil, err
	}
	dev, err := preflight.ParseDevice(get("device", "DESKTOP"))
	if err != nil {
		return nil, err
	}
	return []preflight.Option{preflight.WithSide(side), preflight.WithDocumentType(dt), preflight.WithDevice(dev)}, nil
}

// errTooBig, errNoImage and errBadRequest classify body problems.
var (
	errTooBig     = errors.New("request body too large")
	errNoImage    = errors.New("no image in the request")
	errBadRequest = errors.New("bad request")
)

// readImage returns the image bytes of a raw or multipart body.
func readImage(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body := http.MaxBytesReader(w, r.Body, limit)
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var data []byte
	var err error
	if mt == "multipart/form-data" {
		data, err = readMultipartImage(multipart.NewReader(body, params["boundary"]))
	} else {
		data, err = io.ReadAll(body)
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return nil, fmt.Errorf("%w: over %d bytes", errTooBig, limit)
	}
	if err != nil {
		return nil, err
	}
	if len(data) == 0 {
		return nil, errNoImage
	}
	return data, nil
}

func readMultipartImage(mr *multipart.Reader) ([]byte, error) {
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%w: want a multipart field %s", errNoImage, strings.Join(imageFields, ", "))
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: multipart: %v", errBadRequest, err)
		}
		for _, f := range imageFields {
			if p.FormName() == f {
				return io.ReadAll(p)
			}
		}
	}
}

// errorStatus maps an error to its HTTP status.
func errorStatus(err error) int {
	switch {
	case errors.Is(err, errTooBig), errors.Is(err, preflight.ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, preflight.ErrUnsupportedFormat):
		return http.StatusUnsupportedMediaType
	case errors.Is(err, preflight.ErrCorrupt):
		return http.StatusUnprocessableEntity
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable
	case errors.Is(err, preflight.ErrEmpty), errors.Is(err, preflight.ErrInvalidOption),
		errors.Is(err, errNoImage), errors.Is(err, errBadRequest):
		return http.StatusBadRequest
	}
	return http.StatusInternalServerError
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// withHeaders adds the headers every answer carries.
func withHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Referrer-Policy", "no-referrer")
		// The page needs the camera; nothing else is granted.
		w.Header().Set("Permissions-Policy", "camera=(self), microphone=(), geolocation=()")
		w.Header().Set("Cache-Control", "no-cache")
		h.ServeHTTP(w, r)
	})
}

// guardHost refuses requests whose Host is not a loopback name when the
// server listens on loopback: a page on another site cannot reach the API
// by pointing its own domain at 127.0.0.1 (DNS rebinding).
func guardHost(addr string, h http.Handler) http.Handler {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || !isLoopbackHost(host) {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rh := r.Host
		if h2, _, err := net.SplitHostPort(rh); err == nil {
			rh = h2
		}
		if !isLoopbackHost(rh) {
			writeError(w, http.StatusForbidden, fmt.Errorf("host %q not allowed: the server listens on loopback", r.Host))
			return
		}
		h.ServeHTTP(w, r)
	})
}

func isLoopbackHost(h string) bool {
	h = strings.Trim(h, "[]")
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
