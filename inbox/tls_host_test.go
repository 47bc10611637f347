package inbox_test

import (
	"context"
	"strings"
	"testing"

	"dsrdesk/inbox"
)

// TestTLSWrongHostName: a certificate from the trusted CA but for another
// name (it names 127.0.0.1; dsrdesk connects as "localhost") is refused,
// over implicit TLS and over STARTTLS alike.
func TestTLSWrongHostName(t *testing.T) {
	caFile, cert := testCA(t)
	for _, implicit := range []bool{true, false} {
		cfg := tlsServer(t, cert, implicit)
		cfg.CAFile = caFile
		cfg.Host = "localhost"
		if _, err := inbox.Dial(context.Background(), cfg, "secret"); err == nil || !strings.Contains(err.Error(), "x509: certificate is") || !strings.Contains(err.Error(), "localhost") {
			t.Errorf("%s to a certificate for another name: %v, want it refused", cfg.Security, err)
		}
	}
}
