package synth

import "math/rand/v2"

// newRand returns a generator for seed; salt separates the streams of
// different uses of one seed (document, background, noise) so that
// changing one does not shift the others.
func newRand(seed int64, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), salt))
}

// Salts for newRand.
const (
	saltDocument   = 0x646f63756d656e74
	saltBackground = 0x6261636b67726f75
	saltNoise      = 0x6e6f697365000000
	saltLookalike  = 0x6c6f6f6b616c696b
)
