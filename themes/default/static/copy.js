/*
 * freshdocs copy buttons: one on every code block (<div class="code"> around <pre><code>, as the
 * engine writes them). Without JavaScript the blocks are there and selectable; this only adds
 * the buttons. A shell session copies its commands (.cmd lines) without their .prompt.
 * Words come from this script's data-copy, data-copied and data-failed attributes, in the page's
 * language; the outcome is announced through one polite live region.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var words = (script && script.dataset) || {};

  function textOf(code) {
    var commands = code.querySelectorAll('.cmd');
    if (!commands.length) return code.textContent.replace(/\n$/, '');
    return Array.prototype.map.call(commands, function (line) {
      var copy = line.cloneNode(true);
      var prompt = copy.querySelector('.prompt');
      if (prompt) prompt.remove();
      return copy.textContent;
    }).join('\n');
  }

  function write(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain http: the older way, through a selected text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }

  function start() {
    var blocks = document.querySelectorAll('div.code');
    if (!blocks.length) return;
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    document.body.appendChild(status);
    var label = words.copy || 'Copy';
    Array.prototype.forEach.call(blocks, function (block) {
      var code = block.querySelector('pre > code');
      if (!code) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.textContent = label;
      button.addEventListener('click', function () {
        write(textOf(code)).then(function () {
          button.classList.add('done');
          status.textContent = '';
          // A new text each time, so that a second copy is announced too.
          setTimeout(function () { status.textContent = words.copied || 'Copied'; }, 50);
          setTimeout(function () { button.classList.remove('done'); }, 2000);
        }, function () {
          status.textContent = words.failed || 'Copy failed';
        });
      });
      block.classList.add('has-copy');
      block.insertBefore(button, block.firstChild);
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
