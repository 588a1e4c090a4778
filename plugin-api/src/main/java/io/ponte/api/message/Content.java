package io.ponte.api.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link ChatMessage} says. Sealed, JSON discriminator {@code kind}: {@code text}, {@code media},
 * {@code location}, {@code contacts}, {@code interactive_reply}, {@code reaction}, {@code template},
 * {@code unsupported}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Content.Text.class, name = "text"),
        @JsonSubTypes.Type(value = Content.Media.class, name = "media"),
        @JsonSubTypes.Type(value = Content.Location.class, name = "location"),
        @JsonSubTypes.Type(value = Content.Contacts.class, name = "contacts"),
        @JsonSubTypes.Type(value = Content.InteractiveReply.class, name = "interactive_reply"),
        @JsonSubTypes.Type(value = Content.Reaction.class, name = "reaction"),
        @JsonSubTypes.Type(value = Content.Template.class, name = "template"),
        @JsonSubTypes.Type(value = Content.Unsupported.class, name = "unsupported")
})
public sealed interface Content {

    /**
     * Plain text.
     *
     * @param text the text; never null
     */
    record Text(String text) implements Content {
        /**
         * The longest text the hub takes in one message, in characters (Unicode code points): webhooks and the
         * admin API refuse longer ones.
         *
         * @since 1.1.0
         */
        public static final int MAX_LENGTH = 65_536;

        /** Requires text. */
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The kinds of {@link Media}. */
    enum MediaType {
        /** A picture. */ IMAGE,
        /** An audio file. */ AUDIO,
        /** A voice note. */ VOICE,
        /** A video. */ VIDEO,
        /** Any file. */ DOCUMENT,
        /** A sticker. */ STICKER;

        /** The written form (JSON, the database): the name in lower case. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A picture, sound, video, file or sticker, by URL and/or by the provider's media id.
     *
     * @param mediaType what it is; never null
     * @param url       where to fetch it, or null when only {@code mediaId} is known
     * @param mediaId   the provider's media id, or null
     * @param mimeType  the MIME type, or null
     * @param sha256    the provider's checksum, or null
     * @param caption   the caption, or null
     * @param fileName  the file name, or null
     * @param size      the size in bytes, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Media(MediaType mediaType, String url, String mediaId, String mimeType, String sha256, String caption,
                 String fileName, Long size) implements Content {
        /** Requires a media type and a URL or media id. */
        public Media {
            Objects.requireNonNull(mediaType, "mediaType");
            if (url == null && mediaId == null) {
                throw new IllegalArgumentException("media needs a url or a mediaId");
            }
        }
    }

    /**
     * A point on the map.
     *
     * @param latitude  degrees
     * @param longitude degrees
     * @param name      a place name, or null
     * @param address   a street address, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Location(double latitude, double longitude, String name, String address) implements Content {
    }

    /**
     * Shared contact cards.
     *
     * @param contacts the cards; never null
     */
    record Contacts(List<SharedContact> contacts) implements Content {
        /** Copies the list. */
        public Contacts {
            contacts = List.copyOf(contacts);
        }
    }

    /**
     * One shared contact card.
     *
     * @param name   the formatted name
     * @param phones phone numbers
     * @param emails e-mail addresses
     */
    record SharedContact(String name, List<String> phones, List<String> emails) {
        /** Copies the lists; null means empty. */
        public SharedContact {
            phones = phones == null ? List.of() : List.copyOf(phones);
            emails = emails == null ? List.of() : List.copyOf(emails);
        }
    }

    /**
     * The contact picked a button, a list row or a quick reply we offered.
     *
     * @param id    the id we gave the option; never null
     * @param title the option's visible title, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InteractiveReply(String id, String title) implements Content {
        /** Requires an id. */
        public InteractiveReply {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A reaction to a message.
     *
     * @param messageId the provider id of the message reacted to
     * @param emoji     the emoji; empty or null removes the reaction
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reaction(String messageId, String emoji) implements Content {
    }

    /**
     * A provider-approved message template (WhatsApp's templates, say).
     *
     * @param name       the template name
     * @param language   the language code, e.g. {@code pt_BR}
     * @param components the provider's components with parameters, as JSON, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Template(String name, String language, JsonNode components) implements Content {
        /** Requires a name. */
        public Template {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Something the model has no kind for yet. Kept, never dropped.
     *
     * @param type the provider's own type name
     * @param raw  the provider's JSON for it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Unsupported(String type, JsonNode raw) implements Content {
    }
}
