//! The page's hash as its route: the overview (`#/`), a theme (`#/theme/<id>`), or a
//! series step's theme; followed on links, Back and Forward, with focus moved to match.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::io;
use super::series;
use super::state::{Action, State};

/// The theme named by the page's hash (`#/theme/<id>`, or a series step's
/// `#/step/<k>/theme/<id>…`), if any.
pub fn route_from_hash() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    if hash.starts_with("#/step/") {
        return series::parse_route(&hash).map(|r| r.theme);
    }
    let id = hash.strip_prefix("#/theme/")?;
    let id = js_sys::decode_uri_component(id).ok()?.as_string()?;
    (!id.is_empty()).then_some(id)
}

/// The link to a theme's page.
pub fn theme_href(id: &str) -> String {
    format!("#/theme/{}", String::from(js_sys::encode_uri_component(id)))
}

/// The id of a theme's link in the overview (focus returns there).
pub fn theme_link_id(id: &str) -> String {
    format!("theme-link-{id}")
}

/// The theme the hash names, kept up to date; a change of route hushes the status line
/// and moves focus.
#[hook]
pub fn use_hash_route(dispatcher: UseReducerDispatcher<State>) -> Option<String> {
    let route = use_state(route_from_hash);
    let last_route = use_mut_ref(|| None::<String>);

    // Follow the hash (links, Back and Forward).
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || route.set(route_from_hash()));
            let window = web_sys::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }

    // Focus: a theme's heading when it opens; its link in the list when going back.
    use_effect_with((*route).clone(), move |route: &Option<String>| {
        let previous = last_route.replace(route.clone());
        if previous != *route {
            dispatcher.dispatch(Action::Hush);
        }
        match (route, previous) {
            (Some(_), _) => {
                if let Some(w) = web_sys::window() {
                    w.scroll_to_with_x_and_y(0.0, 0.0);
                }
                io::focus("detail-heading");
            }
            (None, Some(prev)) => io::focus(&theme_link_id(&prev)),
            (None, None) => {}
        }
    });
    (*route).clone()
}
