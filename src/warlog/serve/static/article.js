/* The article page: a click on a highlight goes to its record; the record (or link) named in
   the address marks every piece of its span, not only the first. */
"use strict";
(function () {
  var text = document.getElementById("text");
  if (!text) { return; }
  function mark() {
    var old = document.querySelectorAll(".targeted");
    for (var i = 0; i < old.length; i++) { old[i].classList.remove("targeted"); }
    var name = decodeURIComponent(location.hash.slice(1));
    if (!name) { return; }
    var pieces = text.querySelectorAll("mark[data-span]");
    var first = null;
    for (var j = 0; j < pieces.length; j++) {
      if (pieces[j].dataset.span === name) {
        pieces[j].classList.add("targeted");
        first = first || pieces[j];
      }
    }
    if (first) { first.scrollIntoView({ block: "center" }); }
  }
  text.addEventListener("click", function (event) {
    var target = event.target;
    while (target && target !== text && !(target.dataset && target.dataset.record)) {
      target = target.parentNode;
    }
    if (target && target !== text) {
      var record = document.getElementById(target.dataset.record);
      if (record) {
        record.classList.add("targeted");
        record.scrollIntoView({ block: "nearest" });
      }
    }
  });
  window.addEventListener("hashchange", mark);
  mark();
})();
