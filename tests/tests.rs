// Page details: fetching against a real HTTP server on 127.0.0.1.
mod fetch;
mod fetch_server;
