package io.tabhook.api;

/** An upload session as Initiate and Append to File Upload answer it: its id and the size so far, in MB. */
public record FileUpload(String uploadSessionId, String fileSizeMb) {

    public static FileUpload fromElement(Element e) {
        return new FileUpload(e.attr("uploadSessionId"), e.attr("fileSize"));
    }
}
