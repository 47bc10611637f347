package register

import (
	"strings"
	"testing"
)

func TestCheckBusinessID(t *testing.T) {
	for _, id := range []string{"0112038-9", "2734561-5", "0737546-2", "1000001-2", "1000000-4", "7654321-2", "0000000-0", "1234567-1"} {
		if err := CheckBusinessID(id); err != nil {
			t.Errorf("%s: %v, want valid", id, err)
		}
	}
	for id, want := range map[string]string{
		"0112038-8":  "wrong check digit (want 9)",
		"2734561-6":  "wrong check digit (want 5)",
		"1234567-0":  "wrong check digit (want 1)",
		"1000008-0":  "check remainder is 1", // 1000008 weighs to remainder 1
		"1000008-1":  "check remainder is 1",
		"0112038 9":  "want the form",
		"112038-9":   "want the form",
		"01120389":   "want the form",
		"0112038-99": "want the form",
		"01120a8-9":  "want the form",
		"0112038-X":  "want the form",
		"":           "want the form",
	} {
		err := CheckBusinessID(id)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", id, err, want)
		}
	}
}
