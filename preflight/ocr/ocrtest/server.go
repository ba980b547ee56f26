// Package ocrtest runs a fake OCR endpoint that enforces the endpoint's
// contract (JWT bearer, multipart fields, 2 MB per JPEG), for testing
// clients without the real service.
package ocrtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Answer is what the fake endpoint replies to the next accepted request.
type Answer struct {
	Status int // HTTP status; 0 means 200
	Body   string
}

// Received is a request the endpoint accepted (after auth and validation).
type Received struct {
	DocumentType, DocumentID, ReturnID, Device string
	Front, Back                                []byte
	Token                                      string
}

// Server is a fake endpoint. Tokens are valid until Expire is called with
// them; answers queued with Enqueue are used in order, then a success.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	valid    map[string]bool
	answers  []Answer
	received []Received
	nextID   int64
	attempts int
}

// NewServer starts a fake endpoint accepting the given tokens. Close it
// when done.
func NewServer(tokens ...string) *Server {
	s := &Server{valid: map[string]bool{}, nextID: 1000}
	for _, t := range tokens {
		s.valid[t] = true
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	return s
}

// Allow makes a token valid (a refreshed token).
func (s *Server) Allow(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.valid[token] = true
}

// Expire makes a token invalid, as JWT expiry does.
func (s *Server) Expire(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.valid, token)
}

// Enqueue adds answers given, in order, before the default success.
func (s *Server) Enqueue(a ...Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = append(s.answers, a...)
}

// Received returns the accepted requests so far.
func (s *Server) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Attempts counts every request that reached the handler.
func (s *Server) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.attempts++
	s.mu.Unlock()
	if r.URL.Path != "/api/v3/ocr/" {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	s.mu.Lock()
	authorised := ok && s.valid[token]
	s.mu.Unlock()
	if !authorised {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		writeJSON(w, http.StatusUnauthorized, map[string]any{"detail": "Given token not valid for any token type"})
		return
	}
	rec, err := parseForm(r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"detail": err.Error()})
		return
	}
	rec.Token = token
	s.mu.Lock()
	s.received = append(s.received, rec)
	var a *Answer
	if len(s.answers) > 0 {
		a = &s.answers[0]
		s.answers = s.answers[1:]
	}
	s.nextID++
	id := s.nextID
	s.mu.Unlock()
	if a != nil {
		st := a.Status
		if st == 0 {
			st = http.StatusOK
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(st)
		io.WriteString(w, a.Body)
		return
	}
	ans := map[string]any{"valid": true}
	if rec.ReturnID == "True" {
		ans["id"] = id
	}
	writeJSON(w, http.StatusOK, ans)
}

// parseForm enforces the multipart contract.
func parseForm(r *http.Request) (Received, error) {
	var rec Received
	r.Body = http.MaxBytesReader(nil, r.Body, 8<<20)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		return rec, fmt.Errorf("multipart: %v", err)
	}
	get := func(k string) string { return r.FormValue(k) }
	rec.DocumentType, rec.DocumentID, rec.ReturnID, rec.Device = get("document_type"), get("document_id"), get("return_id"), get("device")
	switch rec.DocumentType {
	case "passport", "identification_card":
	default:
		return rec, fmt.Errorf("document_type %q", rec.DocumentType)
	}
	switch rec.Device {
	case "", "IOS", "ANDROID", "DESKTOP":
	default:
		return rec, fmt.Errorf("device %q", rec.Device)
	}
	if rec.ReturnID != "" && rec.ReturnID != "True" && rec.ReturnID != "False" {
		return rec, fmt.Errorf("return_id %q", rec.ReturnID)
	}
	var err error
	if rec.Front, err = readFile(r, "frontside"); err != nil {
		return rec, err
	}
	if _, ok := r.MultipartForm.File["backside"]; ok {
		if rec.Back, err = readFile(r, "backside"); err != nil {
			return rec, err
		}
	}
	if rec.DocumentType == "identification_card" && rec.Back == nil {
		return rec, fmt.Errorf("backside required for identification_card")
	}
	return rec, nil
}

func readFile(r *http.Request, field string) ([]byte, error) {
	f, _, err := r.FormFile(field)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", field, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, err
	}
	if len(b) > 2_000_000 {
		return nil, fmt.Errorf("%s: %d bytes exceeds 2 MB", field, len(b))
	}
	if len(b) < 3 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, fmt.Errorf("%s: not a JPEG", field)
	}
	return b, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
