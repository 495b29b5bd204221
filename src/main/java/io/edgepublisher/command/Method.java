package io.edgepublisher.command;

/** The HTTP method a command requires over REST (REST.md §4). */
public enum Method {
    GET, POST, GET_OR_POST
}
