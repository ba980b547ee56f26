package ocr

import (
	"errors"
	"fmt"
)

// Sentinel errors; returned errors wrap them (test with errors.Is).
var (
	// ErrInvalidRequest: the request breaks the endpoint's contract.
	ErrInvalidRequest = errors.New("ocr: invalid request")
	// ErrTooLarge: an image exceeds MaxImageBytes; nothing was sent.
	ErrTooLarge = errors.New("ocr: image too large")
	// ErrUnauthorized: the endpoint refused the token, also after one refresh.
	ErrUnauthorized = errors.New("ocr: unauthorized")
	// ErrRejected: the endpoint rejected the photo; the error is a
	// *RejectedError with the code.
	ErrRejected = errors.New("ocr: photo rejected")
	// ErrServer: the endpoint failed (5xx) or answered something unexpected;
	// the error is an *HTTPError.
	ErrServer = errors.New("ocr: endpoint error")
)

// RejectedError is the endpoint's failure answer.
type RejectedError struct {
	// Code is the endpoint's error_code (818–829).
	Code int `json:"error_code"`
	// Message is the endpoint's error text.
	Message string `json:"error"`
	// ID is the record id the endpoint gave the attempt (0 if none).
	ID int64 `json:"id"`
}

// Error says which code the endpoint rejected the photo with, and why.
func (e *RejectedError) Error() string {
	return fmt.Sprintf("ocr: rejected with %d: %s", e.Code, e.Message)
}

// Unwrap makes errors.Is(err, ErrRejected) true.
func (e *RejectedError) Unwrap() error { return ErrRejected }

// HTTPError is an unexpected HTTP answer.
type HTTPError struct {
	Status int
	// Body is the start of the answer (at most 512 bytes), for diagnosis.
	Body string
}

// Error gives the HTTP status and the start of the answer.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("ocr: endpoint answered HTTP %d: %s", e.Status, e.Body)
}

// Unwrap makes errors.Is(err, ErrServer) true.
func (e *HTTPError) Unwrap() error { return ErrServer }
