package evalset

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScoreSplitsFalseRejects(t *testing.T) {
	yes, no := true, false
	expect := func(m map[string]*bool) Case { return Case{Expect: m} }
	cases := []Case{
		expect(map[string]*bool{"829": nil, "826": &no}),  // rejected on a null code only
		expect(map[string]*bool{"829": nil, "826": &no}),  // rejected on a false code
		expect(map[string]*bool{"823": nil, "829": nil}),  // two null codes
		expect(map[string]*bool{"826": &no}),              // accepted
		expect(map[string]*bool{"826": &yes, "829": &no}), // not clean
	}
	for i := range cases {
		cases[i].ID = string(rune('a' + i))
	}
	results := []Result{
		{Codes: map[int]bool{829: true}},
		{Codes: map[int]bool{829: true, 826: true}},
		{Codes: map[int]bool{823: true, 829: true}},
		{},
		{Codes: map[int]bool{829: true}},
	}
	s := Score(&Labels{Cases: cases}, results)

	assert.Equal(t, 4, s.CleanCases)
	assert.Equal(t, []string{"a", "b", "c"}, s.FalseRejects)
	assert.Equal(t, []string{"b"}, s.Rejects.OnFalse)
	assert.InDelta(t, 0.25, s.Rejects.OnFalseRate, 1e-12)
	assert.Equal(t, 2, s.Rejects.OpenOnlyCases)
	assert.Equal(t, map[int]int{829: 2, 823: 1}, s.Rejects.OpenOnly)
}
