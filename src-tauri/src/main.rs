//! Starts Nacre's window; everything is in the library crate so that it stays testable.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    nacre_app_lib::run();
}
