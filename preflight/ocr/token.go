package ocr

import (
	"context"
	"errors"
)

// TokenSource supplies the JWT bearer token. The client asks again with
// refresh set after the endpoint answered 401, once per request.
type TokenSource interface {
	Token(ctx context.Context, refresh bool) (string, error)
}

// TokenFunc adapts a function to TokenSource.
type TokenFunc func(ctx context.Context, refresh bool) (string, error)

// Token calls f.
func (f TokenFunc) Token(ctx context.Context, refresh bool) (string, error) { return f(ctx, refresh) }

// StaticToken is a fixed token that cannot be refreshed: after a 401 the
// request fails with ErrUnauthorized.
type StaticToken string

// errNoRefresh ends the retry after a 401 for tokens that cannot refresh.
var errNoRefresh = errors.New("token cannot be refreshed")

// Token returns the token, or an error when asked to refresh.
func (s StaticToken) Token(_ context.Context, refresh bool) (string, error) {
	if refresh {
		return "", errNoRefresh
	}
	if s == "" {
		return "", errors.New("empty token")
	}
	return string(s), nil
}
