/* Resumable evidence upload (the protocol of fazhi/enforcement/views_evidence.py).
 *
 * The file is sent in Blob.slice chunks with PUT + Upload-Offset. After a network error the client waits (1 s,
 * 2 s, 4 s … at most 30 s, and for the browser's "online" event when it knows it is offline), asks the server for
 * the offset it holds, and goes on from there. The upload id is kept in localStorage under the file's name, size
 * and lastModified, so a reload (or a phone that killed the tab) resumes instead of starting again.
 *
 *   const up = new FazhiUpload(file, {createUrl, csrfToken, meta, onProgress, onStatus});
 *   const result = await up.start();   // the server's JSON: {id, status: "complete", evidence: {...}}
 */
(function () {
  "use strict";

  var MAX_DELAY = 30000;

  function storageKey(createUrl, file) {
    return "fazhi-upload:" + createUrl + ":" + file.name + ":" + file.size + ":" + file.lastModified;
  }

  function sleep(ms) {
    return new Promise(function (resolve) { setTimeout(resolve, ms); });
  }

  function waitOnline() {
    if (navigator.onLine !== false) return Promise.resolve();
    return new Promise(function (resolve) {
      window.addEventListener("online", function handler() {
        window.removeEventListener("online", handler);
        resolve();
      });
    });
  }

  /** An answer the server gave (as opposed to a broken connection, which is retried). */
  function HttpError(status, body) {
    this.status = status;
    this.body = body || {};
    this.message = (body && (body.display || body.message)) || ("HTTP " + status);
  }

  function parse(xhr) {
    try { return JSON.parse(xhr.responseText || "{}"); } catch (e) { return {}; }
  }

  /** One request; resolves {status, body, offset} for any HTTP answer, rejects only when the network failed. */
  function request(method, url, opts) {
    opts = opts || {};
    return new Promise(function (resolve, reject) {
      var xhr = new XMLHttpRequest();
      xhr.open(method, url, true);
      xhr.setRequestHeader("X-CSRFToken", opts.csrfToken || "");
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      Object.keys(opts.headers || {}).forEach(function (k) { xhr.setRequestHeader(k, opts.headers[k]); });
      if (opts.onUploadProgress && xhr.upload) {
        xhr.upload.onprogress = function (ev) { opts.onUploadProgress(ev.loaded); };
      }
      xhr.onload = function () {
        var offset = parseInt(xhr.getResponseHeader("Upload-Offset"), 10);
        resolve({status: xhr.status, body: parse(xhr), offset: isNaN(offset) ? null : offset});
      };
      xhr.onerror = xhr.ontimeout = xhr.onabort = function () { reject(new Error("network")); };
      xhr.send(opts.body === undefined ? null : opts.body);
    });
  }

  function FazhiUpload(file, options) {
    this.file = file;
    this.createUrl = options.createUrl;
    this.csrfToken = options.csrfToken;
    this.meta = options.meta || {};
    this.onProgress = options.onProgress || function () {};
    this.onStatus = options.onStatus || function () {};
    this.key = storageKey(this.createUrl, file);
    this.url = null;
    this.chunkSize = options.chunkSize || 8 * 1024 * 1024;
    this.offset = 0;
    this.stopped = false;
  }

  FazhiUpload.prototype.stop = function () { this.stopped = true; };

  /** Retry `fn` after network errors with backoff; HTTP answers are returned to the caller. */
  FazhiUpload.prototype.withRetry = function (fn) {
    var self = this, delay = 1000;
    function attempt() {
      if (self.stopped) return Promise.reject(new Error("stopped"));
      return fn().catch(function (err) {
        if (err instanceof HttpError || self.stopped) throw err;
        self.onStatus("retry", Math.round(delay / 1000));
        return waitOnline().then(function () { return sleep(delay); }).then(function () {
          delay = Math.min(delay * 2, MAX_DELAY);
          return attempt();
        });
      });
    }
    return attempt();
  };

  /** Find an upload of this file the server still holds (after a reload), or open a new one. */
  FazhiUpload.prototype.open = function () {
    var self = this, saved = null;
    try { saved = JSON.parse(localStorage.getItem(self.key) || "null"); } catch (e) { saved = null; }
    var resume = saved && saved.url ? self.withRetry(function () {
      return request("GET", saved.url, {csrfToken: self.csrfToken});
    }).then(function (res) {
      if (res.status === 200 && res.body.status === "receiving") {
        self.url = saved.url;
        self.chunkSize = res.body.chunk_size || self.chunkSize;
        self.offset = res.body.offset;
        self.onStatus("resumed", self.offset);
        return true;
      }
      localStorage.removeItem(self.key);
      return false;
    }) : Promise.resolve(false);
    return resume.then(function (resumed) {
      if (resumed) return;
      var body = Object.assign({}, self.meta, {
        filename: self.file.name, size: self.file.size, declared_type: self.file.type || ""
      });
      return self.withRetry(function () {
        return request("POST", self.createUrl, {
          csrfToken: self.csrfToken, headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)
        });
      }).then(function (res) {
        if (res.status !== 201) throw new HttpError(res.status, res.body);
        self.url = res.body.url;
        self.chunkSize = res.body.chunk_size || self.chunkSize;
        self.offset = 0;
        localStorage.setItem(self.key, JSON.stringify({url: self.url, at: Date.now()}));
      });
    });
  };

  /** The offset the server holds (asked after every network error: the last chunk may or may not have arrived). */
  FazhiUpload.prototype.sync = function () {
    var self = this;
    return request("GET", self.url, {csrfToken: self.csrfToken}).then(function (res) {
      if (res.status !== 200) throw new HttpError(res.status, res.body);
      if (res.body.status === "complete") return res.body;
      if (res.body.status === "rejected") throw new HttpError(415, {display: res.body.rejected_reason});
      self.offset = res.body.offset;
      return null;
    });
  };

  FazhiUpload.prototype.sendChunk = function () {
    var self = this, start = self.offset;
    var end = Math.min(start + self.chunkSize, self.file.size);
    return request("PUT", self.url, {
      csrfToken: self.csrfToken,
      headers: {"Upload-Offset": String(start), "Content-Type": "application/offset+octet-stream"},
      body: self.file.slice(start, end),
      onUploadProgress: function (loaded) { self.onProgress(Math.min(start + loaded, end), self.file.size); }
    }).then(function (res) {
      if (res.status === 204) { self.offset = res.offset; return null; }
      if (res.status === 201) return res.body;
      if (res.status === 409 && res.offset !== null) { self.offset = res.offset; return null; }
      throw new HttpError(res.status, res.body);
    });
  };

  /** Send every chunk; resolves the server's answer once the evidence exists. */
  FazhiUpload.prototype.start = function () {
    var self = this, needSync = false, delay = 1000;
    function step() {
      if (needSync) {
        return self.sync().then(function (done) {
          needSync = false;
          return done || step();
        });
      }
      return self.offset >= self.file.size ? self.finish() : self.sendChunk();
    }
    function loop() {
      if (self.stopped) return Promise.reject(new Error("stopped"));
      self.onProgress(self.offset, self.file.size);
      return step().then(function (done) {
        delay = 1000;
        if (done) {
          localStorage.removeItem(self.key);
          self.onProgress(self.file.size, self.file.size);
          return done;
        }
        return loop();
      }, function (err) {
        if (err instanceof HttpError) {
          if (err.status === 415 || err.status === 404 || err.status === 403) localStorage.removeItem(self.key);
          throw err;
        }
        // a broken connection: wait, ask the server where it is, go on from there
        needSync = true;
        self.onStatus("retry", Math.round(delay / 1000));
        return waitOnline().then(function () { return sleep(delay); }).then(function () {
          delay = Math.min(delay * 2, MAX_DELAY);
          return loop();
        });
      });
    }
    return self.open().then(loop);
  };

  /** Every byte is there but the answer of the last chunk was lost: finishing is idempotent. */
  FazhiUpload.prototype.finish = function () {
    var self = this;
    return request("POST", self.url + "finish/", {csrfToken: self.csrfToken}).then(function (res) {
      if (res.status === 201) return res.body;
      throw new HttpError(res.status, res.body);
    });
  };

  FazhiUpload.HttpError = HttpError;
  window.FazhiUpload = FazhiUpload;
})();
