//! Nacre's window: builds the Tauri app and nothing more.
//!
//! Plugins (single instance, `nacre://` deep links, window state kept as it changes, opener),
//! the `nacre-copy:` protocol of the sandboxed snapshot view,
//! opening the library once and handing it to Tauri's state, the live window's watch
//! ([`live`]), the rounds of sync that run by themselves ([`sync_loop`]), and the list of
//! commands. Every command is a few-line adapter in [`commands`]; all logic lives in the
//! `nacre` core crate.

mod commands;
mod error;
mod library;
mod live;
mod sync_loop;
mod window_state;

use tauri::Manager;

/// Builds and runs the app until its window closes.
pub fn run() {
    let app = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .register_asynchronous_uri_scheme_protocol("nacre-copy", |ctx, request, responder| {
            commands::archive::serve_copy(ctx.app_handle(), &request, responder);
        })
        .on_window_event(|window, event| window_state::on_event(window.app_handle(), event))
        .setup(|app| {
            let store = library::open()?;
            let archive =
                nacre::archive::Archive::open(nacre::archive::Archive::path_beside(store.path()))?;
            app.manage(store);
            app.manage(archive);
            app.manage(commands::archive::ArchiveRun::default());
            app.manage(nacre::api::PendingImport::default());
            app.manage(commands::fetch::FetchRun::default());
            app.manage(commands::app::LastShare::default());
            app.manage(live::StartPearl::default());
            live::watch(app.handle());
            live::deep_links(app.handle());
            sync_loop::start(app.handle());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::tree::library_info,
            commands::tree::get_pearl,
            commands::tree::list_children,
            commands::tree::list_children_of,
            commands::tree::reveal_pearl,
            commands::edit::create_pearl,
            commands::edit::update_pearl,
            commands::edit::move_pearls,
            commands::edit::pick_pearls,
            commands::edit::sort_collection,
            commands::edit::trash_pearls,
            commands::edit::restore_pearls,
            commands::edit::empty_trash,
            commands::history::undo,
            commands::history::redo,
            commands::history::list_history,
            commands::find::search_pearls,
            commands::find::list_trash,
            commands::find::list_duplicates,
            commands::collections::find_collections,
            commands::collections::saved_copies,
            commands::app::quit_app,
            commands::app::open_shared_file,
            commands::import::choose_import_file,
            commands::import::list_browser_profiles,
            commands::import::read_import_file,
            commands::import::read_import_profile,
            commands::import::read_import_bytes,
            commands::import::commit_import,
            commands::import::cancel_import,
            commands::import::import_update_offer,
            commands::import::commit_import_update,
            commands::export::share_credit,
            commands::tree::pearl_relations,
            commands::export::choose_export_path,
            commands::export::export_collection,
            commands::fetch::fetch_new_links,
            commands::fetch::refresh_details,
            commands::fetch::cancel_fetch,
            commands::fetch::list_dead_links,
            commands::fetch::list_moved_links,
            commands::fetch::update_moved_links,
            commands::fetch::favicons_of,
            commands::fetch::page_info,
            commands::archive::keep_copies,
            commands::archive::cancel_archive,
            commands::archive::keep_new_link_copies,
            commands::archive::copy_of,
            commands::archive::archive_overview,
            commands::archive::set_keep_new_links,
            commands::browser::browser_status,
            commands::browser::connect_browser,
            commands::browser::disconnect_browser,
            commands::browser::take_start_pearl,
            commands::sync::sync_status,
            commands::sync::default_device_name,
            commands::sync::choose_sync_folder,
            commands::sync::join_sync_folder,
            commands::sync::sync_now,
            commands::sync::leave_sync_folder,
            commands::sync::also_values,
            commands::sync::dismiss_also,
        ])
        .build(tauri::generate_context!());
    match app {
        Ok(app) => app.run(|_, _| {}),
        Err(e) => {
            eprintln!("nacre: the window could not start: {e}");
            std::process::exit(1);
        }
    }
}
