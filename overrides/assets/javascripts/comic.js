/* Guided view of comic pages: one panel at a time, over the whole screen; progressive
 * enhancement.
 *
 * The page works without this script (images + transcript). With it, each comic page
 * gets a button that opens a native <dialog> showing one panel, sized to fit the screen
 * (the other panels are out of view), with its description and its balloons, taken from
 * the page's own transcript, in a live region at the article's text size. Next and
 * previous follow the comic's reading direction and go on to the next page and back:
 * in a right-to-left comic, ArrowLeft and a swipe to the right go forward. A tap on the
 * panel goes forward; Escape closes (native dialog) and focus returns to the button. No
 * request leaves the site: a page's geometry is the page-<n>.json next to its image.
 */
(function () {
  "use strict";

  function init() {
    document.querySelectorAll("article.pm-comic").forEach(function (article) {
      if (article.dataset.pmReady) return;
      article.dataset.pmReady = "1";
      var figures = Array.prototype.slice.call(
        article.querySelectorAll("figure.pm-comic-page[data-pm-geometry]"));
      figures.forEach(function (figure, n) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "pm-guided-open";
        button.textContent = article.dataset.pmGuided || "Panel by panel";
        button.addEventListener("click", function () { open(article, figures, n, button); });
        figure.querySelector("figcaption").appendChild(button);
      });
    });
  }

  function fill(template, n, total) {
    return (template || "{n}/{total}").replace("{n}", n).replace("{total}", total);
  }

  function open(article, figures, first, opener) {
    var geometries = [];
    function geometry(n) {
      if (!geometries[n]) {
        geometries[n] = fetch(figures[n].dataset.pmGeometry, { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
      }
      return geometries[n];
    }
    geometry(first)
      .then(function () { show(article, figures, first, opener, geometry); })
      .catch(function () { opener.disabled = true; });
  }

  function show(article, figures, first, opener, geometry) {
    var rtl = article.dataset.pmReading === "rtl";
    var dialog = document.createElement("dialog");
    dialog.className = "pm-guided";
    dialog.setAttribute("lang", article.getAttribute("lang"));
    dialog.setAttribute("dir", article.getAttribute("dir"));
    var stage = document.createElement("div");
    stage.className = "pm-guided-stage";
    var zoom = document.createElement("img");
    zoom.alt = ""; // the panel's words are in the live region below
    zoom.decoding = "async";
    zoom.draggable = false; // a mouse swipe must not start dragging the image
    stage.appendChild(zoom);
    var text = document.createElement("div");
    text.className = "pm-guided-text";
    text.setAttribute("aria-live", "polite");
    var bar = document.createElement("div");
    bar.className = "pm-guided-bar";
    function btn(label, cls, fn) {
      var b = document.createElement("button");
      b.type = "button"; b.className = cls; b.textContent = label;
      b.addEventListener("click", fn); bar.appendChild(b); return b;
    }
    var page = first, index = 0, data = null, busy = false;
    // close on the start side, then previous and next: next ends up on the side the
    // comic reads towards (left in a right-to-left comic)
    var close = btn("\u00d7", "pm-guided-close", function () { dialog.close(); });
    close.setAttribute("aria-label", article.dataset.pmClose);
    close.title = article.dataset.pmClose;
    var prev = btn(article.dataset.pmPrev, "pm-guided-prev", function () { step(-1); });
    var next = btn(article.dataset.pmNext, "pm-guided-next", function () { step(1); });
    dialog.append(stage, text, bar);
    // inside the article: the dialog inherits its language, direction and type
    article.appendChild(dialog);

    function label() {
      return (article.dataset.pmGuided || "") + " — " +
        fill(article.dataset.pmPageOf, page + 1, figures.length);
    }

    function step(delta) {
      if (busy || !data) return;
      var i = index + delta;
      if (i >= 0 && i < data.panels.length) { go(page, i); return; }
      var p = page + (delta > 0 ? 1 : -1);
      if (p < 0 || p >= figures.length) return;
      busy = true;
      geometry(p).then(function (g) {
        busy = false;
        go(p, delta > 0 ? 0 : g.panels.length - 1);
      }).catch(function () { busy = false; });
    }

    function go(p, i) {
      geometry(p).then(function (g) {
        var img = figures[p].querySelector("img");
        var src = img.currentSrc || img.src;
        if (zoom.getAttribute("src") !== src) zoom.src = src;
        page = p; data = g; index = i;
        dialog.setAttribute("aria-label", label());
        layout();
        words();
        prev.disabled = page === 0 && index === 0;
        next.disabled = page === figures.length - 1 && index === data.panels.length - 1;
        if (document.activeElement && document.activeElement.disabled) {
          (next.disabled ? prev : next).focus();
        }
      });
    }

    function layout() {
      var box = data.panels[index].box;
      // the panel as large as the screen allows, leaving the bar and some text in view
      var width = dialog.clientWidth - 16;
      var room = dialog.clientHeight - bar.offsetHeight - 16 - 8 * 2;
      var height = Math.max(120, room * 0.68);
      var scale = Math.min(width / box[2], height / box[3]);
      var w = Math.floor(box[2] * scale), h = Math.floor(box[3] * scale);
      stage.style.width = w + "px";
      stage.style.height = h + "px";
      zoom.style.width = data.width * scale + "px";
      zoom.style.height = data.height * scale + "px";
      zoom.style.transform =
        "translate(" + -box[0] * scale + "px," + -box[1] * scale + "px)";
    }

    function words() {
      var panel = data.panels[index];
      text.textContent = "";
      var where = document.createElement("p");
      where.className = "pm-guided-where";
      where.textContent = fill(article.dataset.pmPageOf, page + 1, figures.length) + " · " +
        fill(article.dataset.pmPanelOf, index + 1, data.panels.length);
      text.appendChild(where);
      // the same words as the transcript (speaker names, kinds), without its ids
      var item = article.querySelector(
        '.pm-comic-transcript [data-pm-panel="' + (page + 1) + "-" + panel.number + '"]');
      if (item) {
        Array.prototype.forEach.call(item.children, function (child) {
          var copy = child.cloneNode(true);
          copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
          text.appendChild(copy);
        });
      } else {
        var alt = document.createElement("p");
        alt.textContent = panel.alt;
        text.appendChild(alt);
      }
    }

    // a tap goes forward; a swipe goes in the direction of the reading
    var start = null, swiped = false;
    stage.addEventListener("pointerdown", function (event) {
      start = { x: event.clientX, y: event.clientY }; swiped = false;
    });
    stage.addEventListener("pointercancel", function () { start = null; });
    stage.addEventListener("pointerup", function (event) {
      if (!start) return;
      var dx = event.clientX - start.x, dy = event.clientY - start.y;
      start = null;
      if (Math.abs(dx) > 40 && Math.abs(dx) > 1.5 * Math.abs(dy)) {
        swiped = true;
        step((dx > 0) === rtl ? 1 : -1);
      }
    });
    stage.addEventListener("click", function () {
      if (swiped) { swiped = false; return; }
      step(1);
    });
    dialog.addEventListener("keydown", function (event) {
      var forward = rtl ? "ArrowLeft" : "ArrowRight";
      var back = rtl ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) { step(1); event.preventDefault(); }
      if (event.key === back) { step(-1); event.preventDefault(); }
    });
    function resized() { if (data) layout(); }
    window.addEventListener("resize", resized);
    dialog.addEventListener("close", function () {
      window.removeEventListener("resize", resized);
      dialog.remove();
      opener.focus();
    });
    dialog.showModal();
    next.focus(); // the likely next action, rather than "previous"
    go(first, 0);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
