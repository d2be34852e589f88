// A standalone Gradle build of the Android library: `gradle assembleRelease` here (after
// build-android.sh) writes build/outputs/aar/gongji-release.aar. Apps may instead include this folder
// as a module of their own build (see bindings/uniffi/README.md); the plugin versions below are then
// the app's.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
    plugins {
        id("com.android.library") version "8.7.3"
        id("org.jetbrains.kotlin.android") version "2.1.21"
    }
}

dependencyResolutionManagement {
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "gongji"
