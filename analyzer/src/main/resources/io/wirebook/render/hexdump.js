/*
 * Wirebook hex dump: hovering or focusing a field highlights its bytes, and hovering a byte (or its
 * character) highlights the innermost field that holds it, by adding the class wb-hl.
 *
 * Reads only what HexDumpHtml writes into each <figure class="wb-hex">: fields are elements with
 * data-f (id), data-start and data-end (end exclusive); bytes are data-b="OFFSET" elements with the
 * data-f of their field; characters are data-a="OFFSET" elements. One set of listeners per figure
 * (event delegation), no library, no network: it works from file:// and the page reads the same without it.
 */
(function () {
  'use strict';

  function setUp(figure) {
    if (figure.getAttribute('data-wb-ready') === '1') {
      return;
    }
    figure.setAttribute('data-wb-ready', '1');
    var bytes = [], chars = [], fields = {}, lit = [];
    var i, list;
    list = figure.querySelectorAll('[data-b]');
    for (i = 0; i < list.length; i++) {
      bytes[+list[i].getAttribute('data-b')] = list[i];
    }
    list = figure.querySelectorAll('[data-a]');
    for (i = 0; i < list.length; i++) {
      chars[+list[i].getAttribute('data-a')] = list[i];
    }
    list = figure.querySelectorAll('[data-f][data-start]');
    for (i = 0; i < list.length; i++) {
      fields[list[i].getAttribute('data-f')] = list[i];
    }

    function mark(e) {
      if (e) {
        e.classList.add('wb-hl');
        lit.push(e);
      }
    }

    function clear() {
      for (var k = 0; k < lit.length; k++) {
        lit[k].classList.remove('wb-hl');
      }
      lit = [];
    }

    function show(field) {
      clear();
      if (!field) {
        return;
      }
      mark(field);
      var end = +field.getAttribute('data-end');
      for (var b = +field.getAttribute('data-start'); b < end; b++) {
        mark(bytes[b]);
        mark(chars[b]);
      }
    }

    /** The field an event's target stands for: a field itself, or the field of a byte or a character. */
    function fieldOf(target) {
      var e = target && target.closest ? target.closest('[data-b], [data-a], [data-f]') : null;
      if (!e || !figure.contains(e)) {
        return null;
      }
      if (e.hasAttribute('data-a')) {
        e = bytes[+e.getAttribute('data-a')];
      }
      return e ? fields[e.getAttribute('data-f')] || null : null;
    }

    function focused() {
      return figure.contains(document.activeElement) ? fieldOf(document.activeElement) : null;
    }

    figure.addEventListener('mouseover', function (ev) {
      var f = fieldOf(ev.target);
      show(f || focused());
    });
    figure.addEventListener('mouseleave', function () {
      show(focused());
    });
    figure.addEventListener('focusin', function (ev) {
      show(fieldOf(ev.target));
    });
    figure.addEventListener('focusout', function (ev) {
      if (!ev.relatedTarget || !figure.contains(ev.relatedTarget)) {
        clear();
      }
    });
  }

  function setUpAll() {
    var figures = document.querySelectorAll('.wb-hex');
    for (var i = 0; i < figures.length; i++) {
      setUp(figures[i]);
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setUpAll);
  } else {
    setUpAll();
  }
})();
