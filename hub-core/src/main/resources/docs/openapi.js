// Renders /openapi.json (OpenAPI 3.1) as a plain page: operations grouped by tag, then the schemas.
// Everything goes through textContent, never innerHTML: the document is data.
(function () {
  'use strict';
  var METHODS = ['get', 'post', 'put', 'patch', 'delete'];

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return e;
  }

  function json(value) {
    return el('pre', {}, [JSON.stringify(value, null, 2)]);
  }

  function operation(path, method, op, shared) {
    var body = el('div', { 'class': 'body' }, []);
    if (op.description) { body.appendChild(el('p', {}, [op.description])); }
    var params = (shared || []).concat(op.parameters || []);
    if (params.length) {
      var rows = params.map(function (p) {
        return el('tr', {}, [el('td', {}, [el('code', {}, [p.name])]), el('td', {}, [p['in']]),
          el('td', {}, [p.required ? 'required' : '']), el('td', {}, [p.description || ''])]);
      });
      body.appendChild(el('h4', {}, ['Parameters']));
      body.appendChild(el('table', {}, rows));
    }
    if (op.requestBody) {
      body.appendChild(el('h4', {}, ['Request body']));
      var content = op.requestBody.content || {};
      Object.keys(content).forEach(function (type) { body.appendChild(json(content[type].schema || {})); });
    }
    body.appendChild(el('h4', {}, ['Responses']));
    var responses = Object.keys(op.responses || {}).map(function (status) {
      return el('tr', {}, [el('td', {}, [el('code', {}, [status])]), el('td', {}, [op.responses[status].description || ''])]);
    });
    body.appendChild(el('table', {}, responses));
    var summary = el('summary', {}, [el('span', { 'class': 'm ' + method }, [method.toUpperCase()]), path,
      el('span', { 'class': 's' }, [op.summary || ''])]);
    return el('details', {}, [summary, body]);
  }

  fetch('/openapi.json').then(function (r) { return r.json(); }).then(function (doc) {
    document.getElementById('title').textContent = (doc.info && doc.info.title) || 'API';
    document.getElementById('description').textContent = (doc.info && doc.info.description) || '';
    var groups = {};
    Object.keys(doc.paths || {}).forEach(function (path) {
      var item = doc.paths[path];
      METHODS.forEach(function (m) {
        if (!item[m]) { return; }
        var tag = (item[m].tags && item[m].tags[0]) || 'other';
        (groups[tag] = groups[tag] || []).push(operation(path, m, item[m], item.parameters));
      });
    });
    var main = document.getElementById('api');
    Object.keys(groups).forEach(function (tag) {
      main.appendChild(el('h2', {}, [tag]));
      groups[tag].forEach(function (d) { main.appendChild(d); });
    });
    var schemas = (doc.components && doc.components.schemas) || {};
    main.appendChild(el('h2', {}, ['schemas']));
    Object.keys(schemas).forEach(function (name) {
      main.appendChild(el('details', {}, [el('summary', {}, [name]), el('div', { 'class': 'body' }, [json(schemas[name])])]));
    });
  }).catch(function (e) {
    document.getElementById('description').textContent = 'Could not load /openapi.json: ' + e;
  });
}());
