package main

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// shard selects a deterministic 1/n of the inputs by a hash of their name,
// so n machines given the same arguments split the work without talking
// to each other, and their outputs together are the unsharded output.
type shard struct{ k, n int }

// parseShard reads "k/n" with 0 <= k < n.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{0, 1}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 0 || k >= n {
		return shard{}, fmt.Errorf("--shard %q: want k/n with 0 <= k < n, e.g. 0/3", s)
	}
	return shard{k, n}, nil
}

// has reports whether the named input belongs to this shard.
func (s shard) has(name string) bool {
	if s.n == 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()%uint64(s.n) == uint64(s.k)
}
