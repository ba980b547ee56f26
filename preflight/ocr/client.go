package ocr

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Client submits documents to the endpoint. It is safe for concurrent use.
type Client struct {
	endpoint string
	tokens   TokenSource
	http     *http.Client
	retries  int
	backoff  time.Duration
}

// Option configures a Client.
type Option func(*Client) error

// WithHTTPClient sets the HTTP client (default: one with a 60 s timeout).
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) error {
		if h == nil {
			return fmt.Errorf("%w: nil http client", ErrInvalidRequest)
		}
		c.http = h
		return nil
	}
}

// WithRetries sets how many times a request is retried after a network
// error before the request reached the server, or a 502/503/504/429
// answer (default 2), and the first backoff (doubled each time, default
// 500 ms). Other failures are not retried: a 500 may have created a record.
func WithRetries(n int, backoff time.Duration) Option {
	return func(c *Client) error {
		if n < 0 || backoff < 0 {
			return fmt.Errorf("%w: retries %d, backoff %v", ErrInvalidRequest, n, backoff)
		}
		c.retries, c.backoff = n, backoff
		return nil
	}
}

// NewClient returns a client for the endpoint at baseURL (the part before
// "api/v3/ocr/").
func NewClient(baseURL string, tokens TokenSource, opts ...Option) (*Client, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%w: base URL %q must be http(s)://host/", ErrInvalidRequest, baseURL)
	}
	if tokens == nil {
		return nil, fmt.Errorf("%w: nil token source", ErrInvalidRequest)
	}
	u.Path = strings.TrimSuffix(u.Path, "/") + "/api/v3/ocr/"
	c := &Client{
		endpoint: u.String(),
		tokens:   tokens,
		http:     &http.Client{Timeout: 60 * time.Second},
		retries:  2,
		backoff:  500 * time.Millisecond,
	}
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Result is the endpoint's success answer.
type Result struct {
	Valid bool  `json:"valid"`
	ID    int64 `json:"id,omitempty"`
	// Raw is the whole answer, for the OCR fields this client does not model.
	Raw json.RawMessage `json:"-"`
}

// Submit validates and sends the request. A rejection by the endpoint is a
// *RejectedError; a refused token after one refresh is ErrUnauthorized.
func (c *Client) Submit(ctx context.Context, req Request) (*Result, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	body, ctype, err := req.body()
	if err != nil {
		return nil, err
	}
	token, err := c.tokens.Token(ctx, false)
	if err != nil {
		return nil, fmt.Errorf("%w: getting a token: %v", ErrUnauthorized, err)
	}
	for refreshed := false; ; refreshed = true {
		status, answer, err := c.post(ctx, token, body, ctype)
		if err != nil {
			return nil, err
		}
		if status == http.StatusUnauthorized {
			if refreshed {
				return nil, fmt.Errorf("%w: the endpoint refused a freshly refreshed token", ErrUnauthorized)
			}
			if token, err = c.tokens.Token(ctx, true); err != nil {
				return nil, fmt.Errorf("%w: token expired and refresh failed: %v", ErrUnauthorized, err)
			}
			continue
		}
		return parseAnswer(status, answer)
	}
}

// post sends one request with retries for failures that are safe to retry.
func (c *Client) post(ctx context.Context, token string, body []byte, ctype string) (int, []byte, error) {
	wait := c.backoff
	for attempt := 0; ; attempt++ {
		hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
		if err != nil {
			return 0, nil, err
		}
		hreq.Header.Set("Content-Type", ctype)
		hreq.Header.Set("Accept", "application/json")
		hreq.Header.Set("Authorization", "Bearer "+token)
		resp, err := c.http.Do(hreq)
		var status int
		var answer []byte
		var ra time.Duration
		if err == nil {
			status = resp.StatusCode
			ra = retryAfter(resp.Header.Get("Retry-After"))
			answer, err = io.ReadAll(io.LimitReader(resp.Body, 16<<20))
			resp.Body.Close()
			if err == nil && !retryStatus(status) {
				return status, answer, nil
			}
		}
		if ctx.Err() != nil {
			return 0, nil, ctx.Err()
		}
		if attempt >= c.retries || (err != nil && !retryNetwork(err)) {
			if err != nil {
				return 0, nil, fmt.Errorf("%w: %v", ErrServer, redact(err, token))
			}
			return 0, nil, &HTTPError{Status: status, Body: snippet(answer)}
		}
		if ra > wait {
			wait = ra
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return 0, nil, ctx.Err()
		}
		wait *= 2
	}
}

// retryStatus: gateway and throttling answers mean the application did not
// process the request.
func retryStatus(s int) bool {
	return s == http.StatusBadGateway || s == http.StatusServiceUnavailable ||
		s == http.StatusGatewayTimeout || s == http.StatusTooManyRequests
}

// retryNetwork: only failures to connect are safe; a reset after the body
// was sent may have created a record.
func retryNetwork(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// retryAfter reads a Retry-After header in seconds (capped at 30 s so a
// confused server cannot park the caller); dates are ignored.
func retryAfter(h string) time.Duration {
	n, err := strconv.Atoi(strings.TrimSpace(h))
	if err != nil || n <= 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, 30*time.Second)
}

// parseAnswer maps the endpoint's answer to a Result or a typed error.
func parseAnswer(status int, answer []byte) (*Result, error) {
	var a struct {
		Valid     *bool  `json:"valid"`
		ErrorCode int    `json:"error_code"`
		Error     string `json:"error"`
		ID        int64  `json:"id"`
	}
	jsonErr := json.Unmarshal(answer, &a)
	if jsonErr == nil && a.Valid != nil && !*a.Valid && a.ErrorCode != 0 {
		return nil, &RejectedError{Code: a.ErrorCode, Message: a.Error, ID: a.ID}
	}
	if status < 200 || status > 299 || jsonErr != nil || a.Valid == nil {
		return nil, &HTTPError{Status: status, Body: snippet(answer)}
	}
	return &Result{Valid: *a.Valid, ID: a.ID, Raw: json.RawMessage(answer)}, nil
}

func snippet(b []byte) string {
	if len(b) > 512 {
		return string(b[:512]) + "…"
	}
	return string(b)
}

// redact removes the token from an error text, whatever put it there.
func redact(err error, token string) string {
	s := err.Error()
	if token != "" {
		s = strings.ReplaceAll(s, token, "[token]")
	}
	return s
}

// String shows the endpoint without credentials.
func (c *Client) String() string { return "ocr.Client(" + c.endpoint + ")" }
