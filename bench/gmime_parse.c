// SPDX-License-Identifier: Apache-2.0
// make bench: the GMime 3 peer of `quorum messages --jobs 1`, doing the same work on one mbox.
//
// Usage: gmime_parse FILE.mbox > out
// Splits the mbox with GMime's mbox parser (the file mapped, the parser persisting the stream so
// bodies are not copied), decodes Subject (RFC 2047), From (address list), Date, Message-ID,
// In-Reply-To and References, finds the first text/plain part that is not an attachment,
// decodes it (transfer encoding, then charset) to valid UTF-8 and counts its lines that start
// with "+1". Prints one short tab-separated line per message so that none of the work can be
// optimised away, and a total on stderr. Built by bench/run.sh (pkg-config gmime-3.0); not part
// of the quorum build.
#include <fcntl.h>
#include <gmime/gmime.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// Charset filters by lower-case charset name, reused (reset) from one message to the next as a
// long-running reader would, rather than an iconv_open per message.
static GMimeFilter* CharsetFilter(GHashTable* filters, const char* charset) {
  char* key = g_ascii_strdown(charset, -1);
  GMimeFilter* filter = g_hash_table_lookup(filters, key);
  if (filter == NULL) {
    filter = g_mime_filter_charset_new(charset, "UTF-8");  // NULL when iconv does not know it
    if (filter == NULL) {
      g_free(key);
      return NULL;
    }
    g_hash_table_insert(filters, key, filter);
  } else {
    g_free(key);
    g_mime_filter_reset(filter);
  }
  return filter;
}

// Decodes the part's content into buf (emptied first) as valid UTF-8, NUL-terminated.
static void DecodeText(GMimePart* part, GHashTable* filters, GByteArray* buf) {
  g_byte_array_set_size(buf, 0);
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (content != NULL) {
    GMimeStream* mem = g_mime_stream_mem_new_with_byte_array(buf);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(mem), FALSE);
    GMimeStream* out = mem;
    const char* charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    if (charset != NULL && g_ascii_strcasecmp(charset, "utf-8") != 0 &&
        g_ascii_strcasecmp(charset, "us-ascii") != 0) {
      GMimeFilter* filter = CharsetFilter(filters, charset);
      if (filter != NULL) {
        out = g_mime_stream_filter_new(mem);
        g_mime_stream_filter_add(GMIME_STREAM_FILTER(out), filter);
      }
    }
    g_mime_data_wrapper_write_to_stream(content, out);  // undoes base64 / quoted-printable
    g_mime_stream_flush(out);
    if (out != mem) g_object_unref(out);
    g_object_unref(mem);
  }
  // Parts labelled UTF-8 (or unlabelled) are not checked by GMime: make them valid, as quorum does.
  if (!g_utf8_validate_len((const char*)buf->data, buf->len, NULL)) {
    char* valid = g_utf8_make_valid((const char*)buf->data, buf->len);
    size_t n = strlen(valid);
    g_byte_array_set_size(buf, 0);
    g_byte_array_append(buf, (const guint8*)valid, n);
    g_free(valid);
  }
  g_byte_array_append(buf, (const guint8*)"", 1);
}

static int CountPlusOneLines(const GByteArray* buf) {
  int n = 0;
  const char* p = (const char*)buf->data;
  const char* end = p + (buf->len > 0 ? buf->len - 1 : 0);
  while (p < end) {
    if (end - p >= 2 && p[0] == '+' && p[1] == '1') n++;
    const char* nl = memchr(p, '\n', end - p);
    if (nl == NULL) break;
    p = nl + 1;
  }
  return n;
}

// The first text/plain leaf that is not an attachment, in document order, or NULL.
static GMimePart* FirstTextPlain(GMimeMessage* message) {
  GMimePart* found = NULL;
  GMimePartIter* iter = g_mime_part_iter_new(GMIME_OBJECT(message));
  if (g_mime_part_iter_is_valid(iter)) {
    do {
      GMimeObject* current = g_mime_part_iter_get_current(iter);
      if (GMIME_IS_PART(current) && !g_mime_part_is_attachment(GMIME_PART(current)) &&
          g_mime_content_type_is_type(g_mime_object_get_content_type(current), "text", "plain")) {
        found = GMIME_PART(current);
        break;
      }
    } while (g_mime_part_iter_next(iter));
  }
  g_mime_part_iter_free(iter);
  return found;
}

// The ids of an In-Reply-To or References field: their number, the first one copied to first.
static int ParseIds(GMimeObject* object, const char* field, char* first, size_t size) {
  first[0] = '\0';
  const char* value = g_mime_object_get_header(object, field);
  if (value == NULL) return 0;
  GMimeReferences* refs = g_mime_references_parse(NULL, value);
  if (refs == NULL) return 0;
  int n = g_mime_references_length(refs);
  if (n > 0) g_strlcpy(first, g_mime_references_get_message_id(refs, 0), size);
  g_mime_references_free(refs);
  return n;
}

int main(int argc, char** argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE.mbox\n", argv[0]);
    return 2;
  }
  g_mime_init();
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0) {
    perror(argv[1]);
    return 1;
  }
  GMimeStream* stream = g_mime_stream_mmap_new(fd, PROT_READ, MAP_PRIVATE);
  if (stream == NULL) stream = g_mime_stream_fs_new(fd);  // owns fd either way
  GMimeParser* parser = g_mime_parser_new_with_stream(stream);
  g_object_unref(stream);
  g_mime_parser_set_format(parser, GMIME_FORMAT_MBOX);
  g_mime_parser_set_persist_stream(parser, TRUE);

  static char out_buf[1 << 16];
  setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
  GHashTable* filters = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
  GByteArray* text = g_byte_array_new();
  long messages = 0, with_text = 0, plus_ones = 0;
  while (!g_mime_parser_eos(parser)) {
    GMimeMessage* message = g_mime_parser_construct_message(parser, NULL);
    if (message == NULL) break;
    messages++;
    GMimeObject* object = GMIME_OBJECT(message);
    const char* subject = g_mime_message_get_subject(message);  // RFC 2047-decoded UTF-8
    const char* name = "";
    const char* address = "";
    InternetAddressList* from = g_mime_message_get_from(message);
    for (int i = 0; i < internet_address_list_length(from); i++) {
      InternetAddress* a = internet_address_list_get_address(from, i);
      if (INTERNET_ADDRESS_IS_MAILBOX(a)) {
        name = internet_address_get_name(a) ? internet_address_get_name(a) : "";
        address = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
        break;
      }
    }
    GDateTime* date = g_mime_message_get_date(message);
    gint64 when = date != NULL ? g_date_time_to_unix(date) : 0;
    const char* id = g_mime_message_get_message_id(message);
    char parent[256], root[256];
    int parents = ParseIds(object, "In-Reply-To", parent, sizeof parent);
    int refs = ParseIds(object, "References", root, sizeof root);
    int plus = 0;
    size_t text_bytes = 0;
    GMimePart* part = FirstTextPlain(message);
    if (part != NULL) {
      DecodeText(part, filters, text);
      plus = CountPlusOneLines(text);
      text_bytes = text->len - 1;
      with_text++;
      plus_ones += plus;
    }
    printf("%s\t%" G_GINT64_FORMAT "\t%s\t%zu\t%zu\t%s\t%d\t%s\t%zu\t%d\n", id ? id : "", when,
           address ? address : "", strlen(name), subject ? strlen(subject) : 0, parent,
           parents + refs, root, text_bytes, plus);
    g_object_unref(message);
  }
  fflush(stdout);
  fprintf(stderr, "gmime_parse: %ld messages, %ld with a text/plain part, %ld lines starting +1\n",
          messages, with_text, plus_ones);
  g_byte_array_unref(text);
  g_hash_table_destroy(filters);
  g_object_unref(parser);
  g_mime_shutdown();
  return 0;
}
