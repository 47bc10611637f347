package inbox

import (
	"fmt"
	"time"
)

// DefaultPollInterval is the poll interval when imap.poll_interval is unset.
const DefaultPollInterval = time.Minute

// The bounds of imap.poll_interval.
const (
	minPollInterval = 5 * time.Second
	maxPollInterval = 24 * time.Hour
)

// PollEvery returns imap.poll_interval, or DefaultPollInterval when it is
// unset or invalid (Validate reports the latter).
func (c Config) PollEvery() time.Duration {
	d, err := c.pollInterval()
	if err != nil || d == 0 {
		return DefaultPollInterval
	}
	return d
}

// pollInterval parses imap.poll_interval; 0 when it is unset.
func (c Config) pollInterval() (time.Duration, error) {
	if c.PollInterval == "" {
		return 0, nil
	}
	return time.ParseDuration(c.PollInterval)
}

// validatePoll checks imap.poll_interval: a Go duration from 5 s to 24 h.
func (c Config) validatePoll() error {
	d, err := c.pollInterval()
	if err == nil && c.PollInterval != "" && (d < minPollInterval || d > maxPollInterval) {
		err = fmt.Errorf("out of range")
	}
	if err != nil {
		return &FieldError{"poll_interval", fmt.Sprintf("a duration from 5s to 24h such as \"60s\" or \"5m\", not %q", c.PollInterval)}
	}
	return nil
}
