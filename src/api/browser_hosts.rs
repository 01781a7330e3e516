//! Registering Nacre's native messaging host with the browsers (placeholder, filled below).
