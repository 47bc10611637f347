package register

import "strings"

// csvCell makes a value safe for a CSV file an officer or a requester may
// open in a spreadsheet. A value starting with =, +, -, @, a tab or a
// carriage return is read there as a formula, which can call functions or
// other programs (CSV injection); such a value gets a leading apostrophe, so
// that it is read as text. A number or a phone number ("+358 40 123 4567",
// "-12.5") calls nothing and is left as it is, like every other value.
func csvCell(v string) string {
	if v == "" || !strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return v
	}
	if strings.Trim(v, "0123456789 +-().,/") == "" {
		return v
	}
	return "'" + v
}

// csvRecord applies csvCell to every value of rec, in place, and returns it.
func csvRecord(rec []string) []string {
	for i, v := range rec {
		rec[i] = csvCell(v)
	}
	return rec
}
