package dev.tandem.server; final class Placeholder {}
