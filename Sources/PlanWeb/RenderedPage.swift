import Foundation
import Hummingbird
import PlanServices

/// A page rendered once and kept ready to send. The layout's account slot (`<!--account-->`) splits
/// it in two; a reader who is not logged in gets the page with the login link in the slot, kept
/// whole with its ETag, so serving it copies nothing; a logged-in reader gets the two halves around
/// its own links.
struct RenderedPage: Sendable {
    /// The bytes before and after the account slot.
    let head: ByteBuffer
    let tail: ByteBuffer
    /// The page as a reader who is not logged in gets it, and its ETag.
    let anonymous: ByteBuffer
    let etag: String

    init(html: String, language: Language, path: String) {
        if let slot = html.range(of: AccountLinks.marker) {
            head = ByteBuffer(string: String(html[..<slot.lowerBound]))
            tail = ByteBuffer(string: String(html[slot.upperBound...]))
        } else {
            head = ByteBuffer(string: html)
            tail = ByteBuffer()
        }
        var whole = head
        whole.writeString(AccountLinks.html(nil, language: language, path: path))
        whole.writeImmutableBuffer(tail)
        anonymous = whole
        etag = "W/\"" + JSONResponse.fnv1a(Data(buffer: whole)) + "\""
    }

    /// The page for `identity`: the halves around its account links.
    func body(for identity: Identity?, language: Language, path: String) -> ByteBuffer {
        guard let identity else { return anonymous }
        let links = AccountLinks.html(identity, language: language, path: path)
        var buffer = ByteBufferAllocator().buffer(capacity: head.readableBytes + links.utf8.count + tail.readableBytes)
        buffer.writeImmutableBuffer(head)
        buffer.writeString(links)
        buffer.writeImmutableBuffer(tail)
        return buffer
    }
}

/// The headers of an HTML page: private pages are never stored by a cache; a shared page carries
/// its ETag; `?lang=` is remembered in a cookie.
func pageHeaders(request: Request, language: Language, private: Bool, etag: String?, status: HTTPResponse.Status) -> HTTPFields {
    var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentLanguage: language.tag, .vary: "Accept-Language, Cookie"]
    if `private` {
        headers[.cacheControl] = "private, no-store"
    } else if status == .ok, let etag {
        headers[.eTag] = etag
        headers[.cacheControl] = "no-cache"
    }
    if request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) != nil {
        headers[.setCookie] = "lang=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax"
    }
    return headers
}

/// An HTML response in the page's language; `?lang=` is remembered in a cookie. Public pages carry
/// their ETag and answer a matching `If-None-Match` with 304; pages for a logged-in reader, and
/// pages that are not `shared`, are private and never stored by a cache.
func htmlResponse(
    _ page: RenderedPage, status: HTTPResponse.Status = .ok, request: Request, language: Language, identity: Identity? = nil, shared: Bool = true
) -> Response {
    let headers = pageHeaders(request: request, language: language, private: identity != nil || !shared, etag: page.etag, status: status)
    if identity == nil, shared, status == .ok, request.method == .get || request.method == .head,
        let match = request.headers[.ifNoneMatch],
        match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == page.etag })
    {
        return Response(status: .notModified, headers: headers)
    }
    return Response(status: status, headers: headers, body: .init(byteBuffer: page.body(for: identity, language: language, path: request.uri.path)))
}

/// An HTML response for a page rendered for this request only; `shared: false` for pages that
/// must never be stored or answered with 304 (forms with a CSRF token, a user's own data). A
/// private page is sent as it is, with the reader's account links in their slot: no anonymous copy
/// and no ETag are made for it.
func htmlResponse(
    _ html: String, status: HTTPResponse.Status = .ok, request: Request, language: Language, identity: Identity? = nil, shared: Bool = true
) -> Response {
    if identity != nil || !shared {
        let links = AccountLinks.html(identity, language: language, path: request.uri.path)
        var buffer = ByteBufferAllocator().buffer(capacity: html.utf8.count + links.utf8.count)
        if let slot = html.range(of: AccountLinks.marker) {
            buffer.writeSubstring(html[..<slot.lowerBound])
            buffer.writeString(links)
            buffer.writeSubstring(html[slot.upperBound...])
        } else {
            buffer.writeString(html)
        }
        return Response(
            status: status, headers: pageHeaders(request: request, language: language, private: true, etag: nil, status: status),
            body: .init(byteBuffer: buffer))
    }
    return htmlResponse(
        RenderedPage(html: html, language: language, path: request.uri.path), status: status, request: request, language: language,
        identity: identity,
        shared: shared)
}
