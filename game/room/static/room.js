/* The live room page's script. The page works without it (every form posts and the server
   answers with the next page); with it, the page follows the room as it changes and sends
   votes without the page jumping. It never swaps the page while someone is typing. */
(function () {
  "use strict";

  var main = document.getElementById("main");
  var story = document.getElementById("story");
  var notice = document.getElementById("notice");
  if (!main || !story || !notice || !window.fetch || !window.DOMParser) {
    return;
  }

  var API = {
    "/vote": "/api/vote",
    "/withdraw": "/api/withdraw",
    "/comment": "/api/comment",
    "/answers": "/api/answers"
  };
  var MOVED_ON = "The story has moved on \u2014 new text below";
  var UNREACHABLE = "The room could not be reached. Check this device is on the same " +
    "Wi-Fi as the facilitator, then try again.";
  var loading = false;
  var again = false;
  var held = false;

  function shownVersion() {
    return Number(story.getAttribute("data-version")) || 0;
  }

  function shownKey() {
    var form = story.querySelector("input[name=key]");
    var heading = story.querySelector("h1");
    return (form ? form.value : "") + "|" + (heading ? heading.textContent : "");
  }

  function say(words) {
    // Cleared first so the same words said twice are announced twice.
    notice.textContent = "";
    window.setTimeout(function () { notice.textContent = words; }, 60);
  }

  function typing() {
    var active = document.activeElement;
    return !!active && active.tagName === "TEXTAREA" && story.contains(active);
  }

  function place(fresh, title) {
    var focusedId = story.contains(document.activeElement) ? document.activeElement.id : "";
    var before = shownKey();
    var nodes = [];
    fresh.childNodes.forEach(function (node) { nodes.push(document.importNode(node, true)); });
    story.replaceChildren.apply(story, nodes);
    story.setAttribute("data-version", fresh.getAttribute("data-version") || "0");
    if (title) {
      document.title = title;
    }
    if (focusedId) {
      var same = document.getElementById(focusedId);
      var heading = story.querySelector("h1");
      if (same) {
        same.focus();
      } else if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
    if (shownKey() !== before) {
      say(MOVED_ON);
    }
  }

  function refresh() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    fetch("/", {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.text();
      })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var fresh = doc.getElementById("story");
        if (!fresh) {
          return;
        }
        if (typing()) {
          held = true;
          if (fresh.querySelector("h1") && story.querySelector("h1") &&
              fresh.querySelector("h1").textContent !== story.querySelector("h1").textContent) {
            say(MOVED_ON);
          }
          return;
        }
        held = false;
        place(fresh, doc.title);
      })
      .catch(function () {
        window.setTimeout(refresh, 2000);
      })
      .then(function () {
        loading = false;
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  // A page held back while someone typed is shown once they leave the text box.
  story.addEventListener("focusout", function () {
    window.setTimeout(function () {
      if (held && !typing()) {
        refresh();
      }
    }, 0);
  });

  function message(form, submitter) {
    var fields = new FormData(form);
    var path = new URL(form.action, window.location.href).pathname;
    var data = {key: fields.get("key") || ""};
    if (path === "/vote") {
      // Each vote form has one button; older browsers do not say which button sent a form.
      var button = submitter && submitter.name === "option" ? submitter
                                                            : form.querySelector("button[name=option]");
      data.option = Number(button ? button.value : fields.get("option"));
    } else if (path === "/comment") {
      data.comment = fields.get("comment") || "";
    } else if (path === "/answers") {
      data.reactions = fields.getAll("reactions");
      fields.forEach(function (value, name) {
        if (name !== "key" && name !== "reactions") {
          data[name] = value;
        }
      });
    }
    return data;
  }

  story.addEventListener("submit", function (event) {
    var form = event.target;
    var path = new URL(form.action, window.location.href).pathname;
    if (!API[path]) {
      return;                     // joining goes the ordinary way
    }
    event.preventDefault();
    var body = JSON.stringify(message(form, event.submitter));
    fetch(API[path], {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json"},
      body: body
    })
      .then(function (response) {
        return response.json().catch(function () {
          return {ok: false, message: "The room could not answer just now. Try again."};
        });
      })
      .then(function (answer) {
        say(answer.message || "");
        // The text box of the form just sent is done with; any other one may hold words
        // typed while this was on its way, so it keeps its focus (and the page waits).
        if (form.contains(document.activeElement) &&
            document.activeElement.tagName === "TEXTAREA") {
          document.activeElement.blur();
        }
        refresh();
      })
      .catch(function () {
        say(UNREACHABLE);
      });
  });

  if (window.location.search.indexOf("said=") !== -1 && window.history.replaceState) {
    window.history.replaceState(null, "", "/");
  }

  function follow() {
    var events = new EventSource("/events");
    events.onmessage = function (event) {
      if (Number(event.data) > shownVersion()) {
        refresh();
      }
    };
    events.onerror = function () {
      // A browser retries a dropped stream by itself, but gives up on a refusal (say, too
      // many requests at once): then try again a little later, at a moment of our own.
      if (events.readyState === EventSource.CLOSED) {
        window.setTimeout(function () {
          refresh();
          follow();
        }, 5000 + Math.random() * 5000);
      }
    };
  }

  if (main.getAttribute("data-live") === "on" && window.EventSource) {
    follow();
  }
}());
