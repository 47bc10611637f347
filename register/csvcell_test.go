package register

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"Matti Virtanen":                 "Matti Virtanen",
		"":                               "",
		"+358 40 123 4567":               "+358 40 123 4567",
		"-12.5":                          "-12.5",
		"(09) 123-456":                   "(09) 123-456",
		"=HYPERLINK(\"http://x\",\"y\")": "'=HYPERLINK(\"http://x\",\"y\")",
		"+cmd|' /C calc'!A0":             "'+cmd|' /C calc'!A0",
		"-2+3+cmd|' /C calc'!A0":         "'-2+3+cmd|' /C calc'!A0",
		"@SUM(1+1)":                      "'@SUM(1+1)",
		"\t=1+1":                         "'\t=1+1",
		"a=1":                            "a=1",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMarketingListNeutralisesFormulas: a name imported from the register
// reaches the marketing list as text, not as a formula.
func TestMarketingListNeutralisesFormulas(t *testing.T) {
	db := openTest(t)
	ctx := context.Background()
	in := "customer_number,first_name,last_name,email,phone\nF-1,\"=HYPERLINK(\"\"http://x\"\")\",Virtanen,f1@example.fi,+358 40 123 4567\n"
	if _, err := db.ImportCustomers(ctx, strings.NewReader(in), "f.csv", false); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if _, err := db.WriteMarketingList(ctx, &b, false); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `F-1,"'=HYPERLINK(""http://x"")",Virtanen`) {
		t.Errorf("marketing list:\n%s", b.String())
	}
}
