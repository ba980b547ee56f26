package cascade

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFrontalFaceParses(t *testing.T) {
	c := FrontalFace()
	require.NotNil(t, c)
	assert.Equal(t, 45, c.W)
	assert.Equal(t, 45, c.H)
	assert.Len(t, c.stages, 19, "stageNum of lbpcascade_frontalface_improved.xml")
	assert.Same(t, c, FrontalFace(), "parsed once")
	for _, s := range c.stages {
		for _, w := range s.weak {
			f := c.features[w.feature]
			assert.LessOrEqual(t, f.x+3*f.w, c.W)
			assert.LessOrEqual(t, f.y+3*f.h, c.H)
		}
	}
}

// lbpDoc builds a minimal LBP cascade document; the parts can be
// replaced to break it in one place at a time.
func lbpDoc(featureType, stageNum, nodes, leaves, rect string) string {
	return `<?xml version="1.0"?><opencv_storage><cascade>
<stageType>BOOST</stageType><featureType>` + featureType + `</featureType>
<height>24</height><width>24</width><stageNum>` + stageNum + `</stageNum>
<stages><_><maxWeakCount>1</maxWeakCount><stageThreshold>-0.5</stageThreshold>
<weakClassifiers><_><internalNodes>` + nodes + `</internalNodes>
<leafValues>` + leaves + `</leafValues></_></weakClassifiers></_></stages>
<features><_><rect>` + rect + `</rect></_></features></cascade></opencv_storage>`
}

const (
	okNodes  = "0 -1 0 -1 -1 -1 -1 -1 -1 -1 -1"
	okLeaves = "-1.0 1.0"
	okRect   = "0 0 8 8"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want error // nil: parses
	}{
		{"minimal", lbpDoc("LBP", "1", okNodes, okLeaves, okRect), nil},
		{"not xml", "{\"cascade\": 1}", ErrFormat},
		{"truncated", lbpDoc("LBP", "1", okNodes, okLeaves, okRect)[:200], ErrFormat},
		{"empty", "", ErrFormat},
		{"old haar format", `<opencv_storage><haarcascade_frontalface type_id="opencv-haar-classifier"></haarcascade_frontalface></opencv_storage>`, ErrUnsupported},
		{"haar features", lbpDoc("HAAR", "1", okNodes, okLeaves, okRect), ErrUnsupported},
		{"stage count", lbpDoc("LBP", "2", okNodes, okLeaves, okRect), ErrFormat},
		{"feature index", lbpDoc("LBP", "1", "0 -1 7 -1 -1 -1 -1 -1 -1 -1 -1", okLeaves, okRect), ErrFormat},
		{"negative index", lbpDoc("LBP", "1", "0 -1 -1 -1 -1 -1 -1 -1 -1 -1 -1", okLeaves, okRect), ErrFormat},
		{"short subset", lbpDoc("LBP", "1", "0 -1 0 -1 -1", okLeaves, okRect), ErrFormat},
		{"deeper tree", lbpDoc("LBP", "1", okNodes+" "+okNodes, okLeaves, okRect), ErrUnsupported},
		{"bad number", lbpDoc("LBP", "1", "0 -1 0 x -1 -1 -1 -1 -1 -1 -1", okLeaves, okRect), ErrFormat},
		{"one leaf", lbpDoc("LBP", "1", okNodes, "1.0", okRect), ErrFormat},
		{"bad leaf", lbpDoc("LBP", "1", okNodes, "1.0 nope", okRect), ErrFormat},
		{"rect outside window", lbpDoc("LBP", "1", okNodes, okLeaves, "0 0 9 8"), ErrFormat},
		{"empty rect", lbpDoc("LBP", "1", okNodes, okLeaves, "0 0 0 8"), ErrFormat},
		{"rect arity", lbpDoc("LBP", "1", okNodes, okLeaves, "0 0 8"), ErrFormat},
		{"huge window", strings.Replace(lbpDoc("LBP", "1", okNodes, okLeaves, okRect), "<width>24", "<width>99999", 1), ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse([]byte(tt.doc))
			if tt.want == nil {
				require.NoError(t, err)
				assert.Equal(t, 24, c.W)
				assert.Len(t, c.stages, 1)
				return
			}
			assert.ErrorIs(t, err, tt.want)
			assert.Nil(t, c)
		})
	}
}

// FuzzParse checks that no input makes Parse panic and that whatever it
// accepts can be run on an image.
func FuzzParse(f *testing.F) {
	xml, err := os.ReadFile("lbpcascade_frontalface_improved.xml")
	require.NoError(f, err)
	f.Add(xml)
	f.Add([]byte(lbpDoc("LBP", "1", okNodes, okLeaves, okRect)))
	f.Add([]byte(lbpDoc("LBP", "1", okNodes, okLeaves, "2 2 7 7")))
	f.Add([]byte("<opencv_storage><cascade></cascade></opencv_storage>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data)
		if err != nil {
			return
		}
		c.Detect(noiseImage(c.W+3, c.H+5, 1), Options{})
	})
}
