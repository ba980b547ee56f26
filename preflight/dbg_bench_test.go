package preflight

import (
	"os"
	"testing"
)

func BenchmarkDbgPasses(b *testing.B) {
	data, _ := os.ReadFile("/tmp/dctbench/set/desk-12mp.jpg")
	c, _ := decodeCoefs(data, DefaultMaxPixels)
	tb, _ := c.tablesAt(qualityMille(89))
	st := c.count(tb)
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			decodeCoefs(data, DefaultMaxPixels)
		}
	})
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			c.count(tb)
		}
	})
	b.Run("encode", func(b *testing.B) {
		for b.Loop() {
			c.encode(tb, st, nil)
		}
	})
}
