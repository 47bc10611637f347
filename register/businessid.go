package register

import "fmt"

// businessIDWeights are the weights of the seven digits of a Finnish
// business ID (Y-tunnus) in its check digit.
var businessIDWeights = [7]int{7, 9, 10, 5, 8, 4, 2}

// CheckBusinessID reports whether s is a Finnish business ID (Y-tunnus)
// written NNNNNNN-C whose check digit C is right: the seven digits weighted
// 7, 9, 10, 5, 8, 4, 2 and summed, modulo 11; remainder 0 gives 0, remainder
// 1 is never issued, any other r gives 11 − r.
func CheckBusinessID(s string) error {
	if len(s) != 9 || s[7] != '-' {
		return fmt.Errorf("business ID %q: want the form 1234567-8", s)
	}
	sum := 0
	for i, w := range businessIDWeights {
		c := s[i]
		if c < '0' || c > '9' {
			return fmt.Errorf("business ID %q: want the form 1234567-8", s)
		}
		sum += int(c-'0') * w
	}
	c := s[8]
	if c < '0' || c > '9' {
		return fmt.Errorf("business ID %q: want the form 1234567-8", s)
	}
	want := 0
	switch r := sum % 11; r {
	case 0:
	case 1:
		return fmt.Errorf("business ID %q: no business ID has these digits (their check remainder is 1)", s)
	default:
		want = 11 - r
	}
	if int(c-'0') != want {
		return fmt.Errorf("business ID %q: wrong check digit (want %d)", s, want)
	}
	return nil
}
