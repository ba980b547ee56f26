package preflight

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckConcurrent runs Check from several goroutines at once with
// every engine and requires the answers of a sequential run; under -race
// it also proves that the engines share no mutable state.
func TestCheckConcurrent(t *testing.T) {
	cases := synthCases(t, 320, 240, 6)
	for _, name := range engineNames() {
		t.Run(name, func(t *testing.T) {
			want := make([]*Report, len(cases))
			for i, c := range cases {
				rep, err := Check(t.Context(), c.jpeg, WithEngine(name), WithDocumentType(c.docType))
				require.NoError(t, err)
				want[i] = rep
			}
			const workers = 4
			got := make([][]*Report, workers)
			var wg sync.WaitGroup
			for w := range workers {
				got[w] = make([]*Report, len(cases))
				wg.Go(func() {
					for i := range cases {
						// Each worker starts at a different case, so that
						// different images are in flight at once.
						k := (i + w) % len(cases)
						rep, err := Check(t.Context(), cases[k].jpeg, WithEngine(name), WithDocumentType(cases[k].docType))
						if assert.NoError(t, err) {
							got[w][k] = rep
						}
					}
				})
			}
			wg.Wait()
			for w := range workers {
				for i := range cases {
					require.NotNil(t, got[w][i])
					assert.Equal(t, want[i].Codes(), got[w][i].Codes(), cases[i].name)
					assert.Equal(t, want[i].Document, got[w][i].Document, cases[i].name)
				}
			}
		})
	}
}
