//go:build cgo && gocv

package preflight

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/idpreflight/idpreflight/internal/synth"
	"github.com/idpreflight/idpreflight/internal/vision"
)

// faceScene is the grey copy of a card whose portrait shows a face.
func faceScene(t *testing.T) *vision.Gray {
	t.Helper()
	s := placed(t, portraitDoc(t, synth.ID1, graceHopper(t)), quadOf[synth.ID1])
	return s.Img.Gray()
}

func TestFaceSessionReusesClassifiers(t *testing.T) {
	g := faceScene(t)
	want := gocvEngine{}.detectFaces(g, 40, 0)
	require.NotEmpty(t, want, "the card's face")

	tests := []struct {
		name     string
		parallel int
		maxIdle  int // classifiers the pool holds afterwards: at most one per concurrent search
	}{
		{"sequential searches share one classifier", 1, 1},
		{"concurrent searches take one each, at most", 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, release := gocvEngine{}.faceSession(false)
			pool := eng.(gocvEngine).cascades
			got := make([][]vision.Face, 2*tt.parallel)
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i := range tt.parallel {
				wg.Go(func() {
					<-start
					got[i] = eng.detectFaces(g, 40, 0)
				})
			}
			close(start)
			wg.Wait()
			for i := tt.parallel; i < 2*tt.parallel; i++ { // a second round reuses them
				got[i] = eng.detectFaces(g, 40, 0)
			}
			for _, f := range got {
				// OpenCV's parallel search returns the raw windows in
				// any order, so equal scores may come in any order.
				assert.ElementsMatch(t, want, f)
			}
			pool.mu.Lock()
			idle := len(pool.free)
			pool.mu.Unlock()
			assert.LessOrEqual(t, idle, tt.maxIdle)
			assert.GreaterOrEqual(t, idle, 1)
			release()
			assert.Empty(t, pool.free, "release closes the idle classifiers")
			assert.ElementsMatch(t, want, eng.detectFaces(g, 40, 0), "after release each search loads its own")
			assert.Empty(t, pool.free)
		})
	}
}

func TestFaceSessionWarm(t *testing.T) {
	g := faceScene(t)
	want := gocvEngine{}.detectFaces(g, 40, 0)
	require.NotEmpty(t, want, "the card's face")

	tests := []struct {
		name      string
		warm      bool
		idleFirst int // classifiers idle before the first search, once the warm-up is done
	}{
		{"a cold session loads on the first search", false, 0},
		{"a warm session has one loaded before it", true, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eng, release := gocvEngine{}.faceSession(tt.warm)
			pool := eng.(gocvEngine).cascades
			pool.loading.Wait()
			pool.mu.Lock()
			idle := len(pool.free)
			pool.mu.Unlock()
			assert.Equal(t, tt.idleFirst, idle)

			inner, innerRelease := faceSession(eng, true)
			assert.Same(t, pool, inner.(gocvEngine).cascades, "a session is its own session")
			innerRelease()
			assert.False(t, pool.closed, "the inner release leaves the pool to the outer one")

			assert.ElementsMatch(t, want, inner.detectFaces(g, 40, 0))
			assert.ElementsMatch(t, want, eng.detectFaces(g, 40, 0))
			assert.Equal(t, 1, pool.loads, "sequential searches load one classifier, warm or not")
			release()
			assert.Empty(t, pool.free, "release closes the idle classifiers")
			assert.True(t, pool.closed)
		})
	}
}

func TestFaceSessionWarmReleasedUnused(t *testing.T) {
	eng, release := gocvEngine{}.faceSession(true)
	pool := eng.(gocvEngine).cascades
	release() // waits for the warm-up, then closes what it loaded
	assert.Equal(t, 1, pool.loads)
	assert.Empty(t, pool.free)
	assert.True(t, pool.closed)
}
